package io.gantry.protocol.header;

import io.gantry.protocol.remoting.ProtocolException;
import io.gantry.protocol.remoting.ResponseCode;

/**
 * A custom header that does not decode: a required field is missing or a value is malformed.
 *
 * <p>Carries the response code a server answers with and a remark naming the field. The official
 * server fails header decoding inside the request processor and answers every such failure with
 * {@link ResponseCode#SYSTEM_ERROR} and the exception's description; Gantry does the same.
 */
public final class HeaderException extends ProtocolException {

    private static final long serialVersionUID = 1L;

    private final int responseCode;
    private final String field;

    public HeaderException(int responseCode, String field, String remark) {
        super(remark);
        this.responseCode = responseCode;
        this.field = field;
    }

    static HeaderException missing(Class<?> header, String field) {
        return new HeaderException(ResponseCode.SYSTEM_ERROR, field,
                "the custom field <" + field + "> is null (required by " + header.getSimpleName() + ")");
    }

    static HeaderException malformed(Class<?> header, String field, String value, String expected) {
        String shown = value.length() <= 64 ? value : value.substring(0, 64) + "...";
        return new HeaderException(ResponseCode.SYSTEM_ERROR, field,
                "the custom field <" + field + "> of " + header.getSimpleName() + " is not " + expected + ": \"" + shown + "\"");
    }

    /** The response code to answer with. */
    public int responseCode() {
        return responseCode;
    }

    /** The extFields key at fault. */
    public String field() {
        return field;
    }

    /** The remark to put in the error response. */
    public String remark() {
        return getMessage();
    }
}
