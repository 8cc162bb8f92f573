package io.gantry.protocol.message;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * One stored message, field for field as the commit-log record (and pull / view / query bodies)
 * holds it. Immutable; encode and decode with {@link MessageRecordCodec}.
 *
 * <p>The IPv6 bits of {@link #sysFlag()} always agree with the hosts (the constructor sets them).
 * {@link #bodyCrc()} is what the record carries: computed from the body by the builder unless set
 * explicitly, and as read when decoded (see {@link MessageRecordCodec#decode(java.nio.ByteBuffer, boolean)}).
 * {@link #storeSize()} is always the encoded size. The body array is shared, not copied: read-only.
 */
public final class MessageRecord {

    private final String topic;
    private final int queueId;
    private final long queueOffset;
    private final long commitLogOffset;
    private final int sysFlag;
    private final long bornTimestamp;
    private final HostAddress bornHost;
    private final long storeTimestamp;
    private final HostAddress storeHost;
    private final int reconsumeTimes;
    private final long preparedTransactionOffset;
    private final byte[] body;
    private final String properties;
    private final int flag;
    private final int bodyCrc;
    private final int storeSize;

    private MessageRecord(Builder b) {
        this.topic = Objects.requireNonNull(b.topic, "topic");
        this.queueId = b.queueId;
        this.queueOffset = b.queueOffset;
        this.commitLogOffset = b.commitLogOffset;
        this.bornHost = Objects.requireNonNull(b.bornHost, "bornHost");
        this.storeHost = Objects.requireNonNull(b.storeHost, "storeHost");
        int flags = b.sysFlag & ~(MessageSysFlag.BORNHOST_V6_FLAG | MessageSysFlag.STOREHOSTADDRESS_V6_FLAG);
        flags |= bornHost.isIpv6() ? MessageSysFlag.BORNHOST_V6_FLAG : 0;
        flags |= storeHost.isIpv6() ? MessageSysFlag.STOREHOSTADDRESS_V6_FLAG : 0;
        this.sysFlag = flags;
        this.bornTimestamp = b.bornTimestamp;
        this.storeTimestamp = b.storeTimestamp;
        this.reconsumeTimes = b.reconsumeTimes;
        this.preparedTransactionOffset = b.preparedTransactionOffset;
        this.body = b.body == null ? new byte[0] : b.body;
        this.properties = b.properties == null ? "" : b.properties;
        this.flag = b.flag;
        this.bodyCrc = b.bodyCrc != null ? b.bodyCrc : MessageRecordCodec.bodyCrc(body);
        this.storeSize = MessageRecordCodec.encodedSize(this);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder with this record's values, e.g. to set offsets and store time at append. */
    public Builder toBuilder() {
        return new Builder().topic(topic).queueId(queueId).queueOffset(queueOffset).commitLogOffset(commitLogOffset)
                .sysFlag(sysFlag).bornTimestamp(bornTimestamp).bornHost(bornHost).storeTimestamp(storeTimestamp)
                .storeHost(storeHost).reconsumeTimes(reconsumeTimes).preparedTransactionOffset(preparedTransactionOffset)
                .body(body).propertiesString(properties).flag(flag).bodyCrc(bodyCrc);
    }

    public String topic() {
        return topic;
    }

    public int queueId() {
        return queueId;
    }

    /** Logical offset in the consume queue (0 for prepared / rollback records). */
    public long queueOffset() {
        return queueOffset;
    }

    /** Physical offset of this record in the commit log. */
    public long commitLogOffset() {
        return commitLogOffset;
    }

    public int sysFlag() {
        return sysFlag;
    }

    public long bornTimestamp() {
        return bornTimestamp;
    }

    public HostAddress bornHost() {
        return bornHost;
    }

    public long storeTimestamp() {
        return storeTimestamp;
    }

    public HostAddress storeHost() {
        return storeHost;
    }

    public int reconsumeTimes() {
        return reconsumeTimes;
    }

    public long preparedTransactionOffset() {
        return preparedTransactionOffset;
    }

    /** The stored (possibly compressed) body, not copied: read-only. Never null. */
    public byte[] body() {
        return body;
    }

    /** The raw properties string as stored (see {@link MessageProperties}); never null. */
    public String propertiesString() {
        return properties;
    }

    /** The properties, parsed on each call. */
    public Map<String, String> properties() {
        return MessageProperties.decode(properties);
    }

    /** One property, or null. */
    public String property(String name) {
        return MessageProperties.get(properties, name);
    }

    /** The user flag from the producer. */
    public int flag() {
        return flag;
    }

    /** CRC32 of the body masked to 31 bits, as carried by the record. */
    public int bodyCrc() {
        return bodyCrc;
    }

    /** Encoded size of the record in bytes (the TOTALSIZE field). */
    public int storeSize() {
        return storeSize;
    }

    /** True if the topic is too long for a V1 record (1-byte length) and needs the V2 layout. */
    public boolean needsV2() {
        return topic.getBytes(StandardCharsets.UTF_8).length > MessageRecordCodec.MAX_V1_TOPIC_BYTES;
    }

    /** The broker-side id of this record: store host + commit-log offset. */
    public String offsetMsgId() {
        return MessageIds.offsetMsgId(storeHost, commitLogOffset);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MessageRecord that
                && topic.equals(that.topic) && queueId == that.queueId && queueOffset == that.queueOffset
                && commitLogOffset == that.commitLogOffset && sysFlag == that.sysFlag
                && bornTimestamp == that.bornTimestamp && bornHost.equals(that.bornHost)
                && storeTimestamp == that.storeTimestamp && storeHost.equals(that.storeHost)
                && reconsumeTimes == that.reconsumeTimes && preparedTransactionOffset == that.preparedTransactionOffset
                && Arrays.equals(body, that.body) && properties.equals(that.properties)
                && flag == that.flag && bodyCrc == that.bodyCrc;
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, queueId, queueOffset, commitLogOffset, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "MessageRecord{topic=" + topic + ", queueId=" + queueId + ", queueOffset=" + queueOffset
                + ", commitLogOffset=" + commitLogOffset + ", sysFlag=" + sysFlag + ", bornTimestamp=" + bornTimestamp
                + ", bornHost=" + bornHost + ", storeTimestamp=" + storeTimestamp + ", storeHost=" + storeHost
                + ", reconsumeTimes=" + reconsumeTimes + ", preparedTransactionOffset=" + preparedTransactionOffset
                + ", bodyLength=" + body.length + ", properties=" + properties() + ", flag=" + flag
                + ", bodyCrc=" + bodyCrc + ", storeSize=" + storeSize + '}';
    }

    /** Builds a {@link MessageRecord}; topic, bornHost and storeHost are required. */
    public static final class Builder {
        private String topic;
        private int queueId;
        private long queueOffset;
        private long commitLogOffset;
        private int sysFlag;
        private long bornTimestamp;
        private HostAddress bornHost;
        private long storeTimestamp;
        private HostAddress storeHost;
        private int reconsumeTimes;
        private long preparedTransactionOffset;
        private byte[] body;
        private String properties;
        private int flag;
        private Integer bodyCrc;

        private Builder() {
        }

        public Builder topic(String value) {
            this.topic = value;
            return this;
        }

        public Builder queueId(int value) {
            this.queueId = value;
            return this;
        }

        public Builder queueOffset(long value) {
            this.queueOffset = value;
            return this;
        }

        public Builder commitLogOffset(long value) {
            this.commitLogOffset = value;
            return this;
        }

        /** The flag bits; the IPv6 host bits are recomputed from the hosts. */
        public Builder sysFlag(int value) {
            this.sysFlag = value;
            return this;
        }

        public Builder bornTimestamp(long value) {
            this.bornTimestamp = value;
            return this;
        }

        public Builder bornHost(HostAddress value) {
            this.bornHost = value;
            return this;
        }

        public Builder storeTimestamp(long value) {
            this.storeTimestamp = value;
            return this;
        }

        public Builder storeHost(HostAddress value) {
            this.storeHost = value;
            return this;
        }

        public Builder reconsumeTimes(int value) {
            this.reconsumeTimes = value;
            return this;
        }

        public Builder preparedTransactionOffset(long value) {
            this.preparedTransactionOffset = value;
            return this;
        }

        /** The body (kept, not copied); a changed body recomputes the CRC unless {@link #bodyCrc} is set after. */
        public Builder body(byte[] value) {
            this.body = value;
            this.bodyCrc = null;
            return this;
        }

        /** The raw properties string. */
        public Builder propertiesString(String value) {
            this.properties = value;
            return this;
        }

        /** The properties, encoded 4.x-style (no trailing separator). */
        public Builder properties(Map<String, String> value) {
            this.properties = MessageProperties.encode(value);
            return this;
        }

        public Builder flag(int value) {
            this.flag = value;
            return this;
        }

        /** Overrides the body CRC (normally computed from the body). */
        public Builder bodyCrc(int value) {
            this.bodyCrc = value;
            return this;
        }

        public MessageRecord build() {
            return new MessageRecord(this);
        }
    }
}
