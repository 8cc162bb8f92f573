package io.gantry.protocol.remoting;

import io.gantry.protocol.header.HeaderCodec;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One remoting command: a request or a response, as carried by one frame.
 *
 * <p>Immutable. {@link #extFields()} keeps insertion order (so encodings are deterministic) and
 * never holds null keys or values. {@link #body()} is returned without copying: treat it as
 * read-only. Build with {@link #request(int)}, {@link #response(int)} or {@link #responseTo}.
 *
 * <p>Does not guarantee that the extFields make a valid custom header for {@link #code()}: that is
 * checked when a header is decoded ({@link #decodeHeader}).
 */
public final class RemotingCommand {

    /** {@link #flag()} bit: this command is a response. */
    public static final int FLAG_RESPONSE = 1;
    /** {@link #flag()} bit: this request expects no response. */
    public static final int FLAG_ONEWAY = 2;
    /** Version Gantry puts in what it sends: RocketMQ 4.9.8's ordinal, which official clients understand. */
    public static final int DEFAULT_VERSION = 409;

    private final int code;
    private final LanguageCode language;
    private final int version;
    private final int opaque;
    private final int flag;
    private final String remark;
    private final Map<String, String> ownedExtFields;
    private final Map<String, String> extFields;
    private final byte[] body;
    private final SerializeType serializeType;

    private RemotingCommand(Builder builder) {
        this.code = builder.code;
        this.language = Objects.requireNonNull(builder.language, "language");
        this.version = builder.version;
        this.opaque = builder.opaque;
        this.flag = builder.flag;
        this.remark = builder.remark;
        // The builder hands its map over instead of it being copied (a copy per frame showed in profiles);
        // a later change through that builder copies first, so this command's fields never change.
        this.ownedExtFields = builder.handOverExtFields();
        this.extFields = Collections.unmodifiableMap(ownedExtFields);
        this.body = builder.body;
        this.serializeType = Objects.requireNonNull(builder.serializeType, "serializeType");
    }

    /** A request builder with language JAVA, version {@link #DEFAULT_VERSION}, JSON header, opaque 0. */
    public static Builder request(int code) {
        return new Builder(code, 0);
    }

    /** A response builder (flag {@link #FLAG_RESPONSE}); the caller sets opaque and serialize type. */
    public static Builder response(int code) {
        return new Builder(code, FLAG_RESPONSE);
    }

    /**
     * A response builder for {@code request}: same opaque, same serialize type (as the official
     * server does on its normal path), flag {@link #FLAG_RESPONSE}.
     */
    public static Builder responseTo(RemotingCommand request, int code) {
        return response(code).opaque(request.opaque()).serializeType(request.serializeType());
    }

    /** A complete error response to {@code request}: {@code code} and {@code remark}, no header, no body. */
    public static RemotingCommand errorResponse(RemotingCommand request, int code, String remark) {
        return responseTo(request, code).remark(remark).build();
    }

    /** The answer to a request code nobody handles: REQUEST_CODE_NOT_SUPPORTED, as the official server words it. */
    public static RemotingCommand notSupported(RemotingCommand request) {
        return errorResponse(request, ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                " request type " + request.code() + " not supported");
    }

    /** A builder starting from this command's values. */
    public Builder toBuilder() {
        Builder builder = new Builder(code, flag)
                .language(language)
                .version(version)
                .opaque(opaque)
                .remark(remark)
                .body(body)
                .serializeType(serializeType);
        builder.shareExtFields(ownedExtFields);
        return builder;
    }

    /** This command with another opaque: what an RPC layer does when it assigns request ids. */
    public RemotingCommand withOpaque(int newOpaque) {
        return toBuilder().opaque(newOpaque).build();
    }

    public int code() {
        return code;
    }

    public LanguageCode language() {
        return language;
    }

    public int version() {
        return version;
    }

    public int opaque() {
        return opaque;
    }

    public int flag() {
        return flag;
    }

    public boolean isResponse() {
        return (flag & FLAG_RESPONSE) != 0;
    }

    public boolean isOneway() {
        return (flag & FLAG_ONEWAY) != 0;
    }

    /** Optional text, mostly error descriptions; null if absent. */
    public String remark() {
        return remark;
    }

    /** The custom header and any extra keys; never null, may be empty. Unmodifiable. */
    public Map<String, String> extFields() {
        return extFields;
    }

    /** One extFields value, or null. */
    public String extField(String key) {
        return extFields.get(key);
    }

    /** The body bytes, not copied (do not modify); null if the command has no body. */
    public byte[] body() {
        return body;
    }

    /** Body length in bytes; 0 without a body. */
    public int bodyLength() {
        return body == null ? 0 : body.length;
    }

    public SerializeType serializeType() {
        return serializeType;
    }

    /**
     * Decodes the extFields into a typed header record.
     *
     * @throws io.gantry.protocol.header.HeaderException if a required field is missing or a value is malformed
     */
    public <T extends Record> T decodeHeader(Class<T> headerType) {
        return HeaderCodec.decode(extFields, headerType);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RemotingCommand that
                && code == that.code
                && language == that.language
                && version == that.version
                && opaque == that.opaque
                && flag == that.flag
                && Objects.equals(remark, that.remark)
                && extFields.equals(that.extFields)
                && Arrays.equals(body, that.body)
                && serializeType == that.serializeType;
    }

    @Override
    public int hashCode() {
        return Objects.hash(code, opaque, flag, extFields, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "RemotingCommand{" + (isResponse() ? "response " + ResponseCode.nameOf(code) : "request " + RequestCode.nameOf(code))
                + ", code=" + code + ", opaque=" + opaque + ", flag=" + flag + ", language=" + language
                + ", version=" + version + ", remark=" + remark + ", extFields=" + extFields
                + ", bodyLength=" + bodyLength() + ", serializeType=" + serializeType + '}';
    }

    /** Builds a {@link RemotingCommand}. Not thread-safe; one builder per command. */
    public static final class Builder {
        private int code;
        private LanguageCode language = LanguageCode.JAVA;
        private int version = DEFAULT_VERSION;
        private int opaque;
        private int flag;
        private String remark;
        private Map<String, String> extFields = new LinkedHashMap<>();
        /** True while {@link #extFields} is also a built command's: the next change copies it first. */
        private boolean extFieldsShared;
        private byte[] body;
        private SerializeType serializeType = SerializeType.JSON;

        Builder(int code, int flag) {
            this.code = code;
            this.flag = flag;
        }

        public Builder code(int newCode) {
            this.code = newCode;
            return this;
        }

        public Builder language(LanguageCode newLanguage) {
            this.language = Objects.requireNonNull(newLanguage, "language");
            return this;
        }

        public Builder version(int newVersion) {
            this.version = newVersion;
            return this;
        }

        public Builder opaque(int newOpaque) {
            this.opaque = newOpaque;
            return this;
        }

        /** Replaces all flag bits. */
        public Builder flag(int newFlag) {
            this.flag = newFlag;
            return this;
        }

        /** Marks a request oneway: the peer sends no response. */
        public Builder oneway() {
            this.flag |= FLAG_ONEWAY;
            return this;
        }

        public Builder remark(String newRemark) {
            this.remark = newRemark;
            return this;
        }

        /** Adds one extFields entry; a null value removes the key (null fields are never sent). */
        public Builder extField(String key, String value) {
            Objects.requireNonNull(key, "key");
            if (value == null) {
                if (extFields.containsKey(key)) {
                    writableExtFields().remove(key);
                }
            } else {
                writableExtFields().put(key, value);
            }
            return this;
        }

        private Map<String, String> writableExtFields() {
            if (extFieldsShared) {
                extFields = new LinkedHashMap<>(extFields);
                extFieldsShared = false;
            }
            return extFields;
        }

        private Map<String, String> handOverExtFields() {
            extFieldsShared = true;
            return extFields;
        }

        private void shareExtFields(Map<String, String> fields) {
            extFields = fields;
            extFieldsShared = true;
        }

        /** Adds every entry of {@code fields} (null values skipped). */
        public Builder extFields(Map<String, String> fields) {
            fields.forEach(this::extField);
            return this;
        }

        /** Adds the fields of a typed header record (see {@link HeaderCodec#encode}). */
        public Builder header(Record header) {
            return extFields(HeaderCodec.encode(header));
        }

        /** Sets the body; the array is kept, not copied. Null or empty means no body. */
        public Builder body(byte[] newBody) {
            this.body = newBody == null || newBody.length == 0 ? null : newBody;
            return this;
        }

        public Builder serializeType(SerializeType newType) {
            this.serializeType = Objects.requireNonNull(newType, "serializeType");
            return this;
        }

        public RemotingCommand build() {
            return new RemotingCommand(this);
        }
    }
}
