package io.gantry.protocol.message;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * One message inside a SEND_BATCH_MESSAGE body: its user flag, body and own properties string
 * (UNIQ_KEY included). Topic, queue, sysFlag and born fields come from the request header.
 * The body array is shared, not copied: read-only.
 */
public final class BatchEntry {

    private final int flag;
    private final byte[] body;
    private final String properties;

    public BatchEntry(int flag, byte[] body, String properties) {
        this.flag = flag;
        this.body = Objects.requireNonNull(body, "body");
        this.properties = properties == null ? "" : properties;
    }

    public int flag() {
        return flag;
    }

    public byte[] body() {
        return body;
    }

    public String propertiesString() {
        return properties;
    }

    public Map<String, String> properties() {
        return MessageProperties.decode(properties);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BatchEntry that && flag == that.flag && Arrays.equals(body, that.body)
                && properties.equals(that.properties);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(body) + properties.hashCode();
    }

    @Override
    public String toString() {
        return "BatchEntry{flag=" + flag + ", bodyLength=" + body.length + ", properties=" + properties() + '}';
    }
}
