package io.gantry.protocol.remoting;

/**
 * How a frame's header is serialized: the top byte of the header-length field.
 * JSON (0) is what every official client uses by default; ROCKETMQ (1) is the compact binary form.
 */
public enum SerializeType {
    JSON(0),
    ROCKETMQ(1);

    private final int code;

    SerializeType(int code) {
        this.code = code;
    }

    /** The value carried in the top byte of the header-length field. */
    public int code() {
        return code;
    }

    /** The type for a wire value, or null if the value is not a known type. */
    public static SerializeType fromCode(int code) {
        return switch (code) {
            case 0 -> JSON;
            case 1 -> ROCKETMQ;
            default -> null;
        };
    }
}
