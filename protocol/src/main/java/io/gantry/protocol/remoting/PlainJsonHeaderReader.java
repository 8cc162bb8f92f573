package io.gantry.protocol.remoting;

/**
 * Reads the JSON headers clients actually send, in one pass over the bytes with no parser objects: an object
 * whose {@code code}, {@code flag}, {@code opaque}, {@code version} are integers (or null), {@code language} a
 * string, {@code remark} a string (or null), {@code extFields} an object of strings (or null), and any other key
 * a string. Strings may hold the usual escapes ({@code \u0001} and {@code \u0002} separate message properties)
 * but only ASCII bytes. Returns null for anything else, malformed input included, so that the caller can hand
 * it to the general decoder, whose results and errors are the reference; it never decides an error itself.
 */
final class PlainJsonHeaderReader {

    /** Longest integer this reader parses; longer ones (or ones out of int range) go the general way. */
    private static final int MAX_INT_DIGITS = 10;

    private final byte[] in;
    private int pos;
    private final StringBuilder text = new StringBuilder(64);

    private PlainJsonHeaderReader(byte[] in) {
        this.in = in;
    }

    /** The decoded header, or null if it is not plain (see the class comment). */
    static RemotingCommand.Builder read(byte[] json) {
        return new PlainJsonHeaderReader(json).readHeader();
    }

    private RemotingCommand.Builder readHeader() {
        RemotingCommand.Builder builder = new RemotingCommand.Builder(0, 0);
        int code = 0;
        int flag = 0;
        int opaque = 0;
        int version = 0;
        LanguageCode language = LanguageCode.JAVA;
        String remark = null;
        boolean extSeen = false;
        if (!skipSpaceAndExpect('{')) {
            return null;
        }
        if (!skipSpaceAndPeek('}')) {
            do {
                String name = readString();
                if (name == null || !skipSpaceAndExpect(':')) {
                    return null;
                }
                skipSpace();
                switch (name) {
                    case "code", "flag", "opaque", "version" -> {
                        long number = readIntOrNull();
                        if (number == Long.MIN_VALUE) {
                            return null;
                        }
                        switch (name) {
                            case "code" -> code = (int) number;
                            case "flag" -> flag = (int) number;
                            case "opaque" -> opaque = (int) number;
                            default -> version = (int) number;
                        }
                    }
                    case "language" -> {
                        String value = readString();
                        if (value == null) {
                            return null;
                        }
                        language = LanguageCode.fromName(value);
                    }
                    case "remark" -> {
                        if (readNull()) {
                            remark = null;
                        } else {
                            remark = readString();
                            if (remark == null) {
                                return null;
                            }
                        }
                    }
                    case "extFields" -> {
                        // The general decoder keeps only the last of repeated extFields; not worth copying.
                        if (extSeen) {
                            return null;
                        }
                        extSeen = true;
                        if (!readNull() && !readExtFields(builder)) {
                            return null;
                        }
                    }
                    default -> {
                        if (readString() == null) {
                            return null;
                        }
                    }
                }
            } while (skipSpaceAndExpect(','));
        }
        if (!skipSpaceAndExpect('}')) {
            return null;
        }
        return builder.code(code).flag(flag).opaque(opaque).version(version).language(language).remark(remark);
    }

    private boolean readExtFields(RemotingCommand.Builder builder) {
        if (!skipSpaceAndExpect('{')) {
            return false;
        }
        if (skipSpaceAndPeek('}')) {
            pos++;
            return true;
        }
        do {
            String key = readString();
            if (key == null || !skipSpaceAndExpect(':')) {
                return false;
            }
            skipSpace();
            String value = readString();
            if (value == null) {
                return false;
            }
            builder.extField(key, value);
        } while (skipSpaceAndExpect(','));
        return skipSpaceAndExpect('}');
    }

    /** A JSON string at the position (after optional space), or null if there is none or it is not plain. */
    private String readString() {
        if (!skipSpaceAndExpect('"')) {
            return null;
        }
        text.setLength(0);
        while (pos < in.length) {
            int b = in[pos++];
            if (b == '"') {
                return text.toString();
            }
            if (b < 0x20) {
                // Control bytes must be escaped; negative bytes are non-ASCII UTF-8, left to the general path.
                return null;
            }
            if (b != '\\') {
                text.append((char) b);
                continue;
            }
            if (pos >= in.length) {
                return null;
            }
            int escaped = in[pos++];
            switch (escaped) {
                case '"', '\\', '/' -> text.append((char) escaped);
                case 'b' -> text.append('\b');
                case 'f' -> text.append('\f');
                case 'n' -> text.append('\n');
                case 'r' -> text.append('\r');
                case 't' -> text.append('\t');
                case 'u' -> {
                    if (pos + 4 > in.length) {
                        return null;
                    }
                    int c = 0;
                    for (int i = 0; i < 4; i++) {
                        int digit = hexDigit(in[pos++]);
                        if (digit < 0) {
                            return null;
                        }
                        c = c << 4 | digit;
                    }
                    text.append((char) c);
                }
                default -> {
                    return null;
                }
            }
        }
        return null;
    }

    /** The value of an ASCII hex digit, or -1 (Character.digit's Unicode tables showed in profiles: every property separator is one). */
    private static int hexDigit(int b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }

    /** An int, 0 for {@code null}, or Long.MIN_VALUE if the value is not a plain int. */
    private long readIntOrNull() {
        if (readNull()) {
            return 0;
        }
        boolean negative = pos < in.length && in[pos] == '-';
        int start = negative ? pos + 1 : pos;
        int end = start;
        while (end < in.length && in[end] >= '0' && in[end] <= '9') {
            end++;
        }
        int digits = end - start;
        if (digits == 0 || digits > MAX_INT_DIGITS || (digits > 1 && in[start] == '0')) {
            return Long.MIN_VALUE;
        }
        if (end < in.length && (in[end] == '.' || in[end] == 'e' || in[end] == 'E')) {
            return Long.MIN_VALUE;
        }
        long value = 0;
        for (int i = start; i < end; i++) {
            value = value * 10 + (in[i] - '0');
        }
        value = negative ? -value : value;
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            return Long.MIN_VALUE;
        }
        pos = end;
        return value;
    }

    /** Consumes the literal {@code null} if it is next. */
    private boolean readNull() {
        if (pos + 4 <= in.length && in[pos] == 'n' && in[pos + 1] == 'u' && in[pos + 2] == 'l' && in[pos + 3] == 'l') {
            pos += 4;
            return true;
        }
        return false;
    }

    private void skipSpace() {
        while (pos < in.length && (in[pos] == ' ' || in[pos] == '\t' || in[pos] == '\n' || in[pos] == '\r')) {
            pos++;
        }
    }

    private boolean skipSpaceAndExpect(char c) {
        skipSpace();
        if (pos < in.length && in[pos] == c) {
            pos++;
            return true;
        }
        return false;
    }

    private boolean skipSpaceAndPeek(char c) {
        skipSpace();
        return pos < in.length && in[pos] == c;
    }
}
