package io.gantry.protocol.body;

import io.gantry.protocol.remoting.ProtocolException;

/**
 * Rewrites the official codec's object map keys, {@code {{"topic":"T",...}:value}}, into quoted
 * string keys, {@code {"{\"topic\":\"T\",...}":value}}, so that Jackson can tokenize the text; the
 * key deserializer then parses the key string as JSON.
 *
 * <p>Why a rewrite: no JSON parser (Jackson included) can tokenize an object in a field-name
 * position. This pass only tracks strings, nesting and "a key is expected here"; it does not
 * parse values, and leaves all validation to Jackson. Text without object keys is returned as is.
 */
final class ObjectKeyQuoter {

    private final String text;
    private final int maxDepth;
    private StringBuilder out;
    private int copiedUpTo;

    private ObjectKeyQuoter(String text, int maxDepth) {
        this.text = text;
        this.maxDepth = maxDepth;
    }

    /** {@code json} with object keys quoted; the same instance if there are none. */
    static String quoteObjectKeys(String json, int maxDepth) {
        return new ObjectKeyQuoter(json, maxDepth).run();
    }

    private String run() {
        // inObject[d]: whether nesting level d is an object (else an array).
        boolean[] inObject = new boolean[maxDepth + 1];
        int depth = 0;
        boolean keyExpected = false;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '"') {
                i = skipString(i);
                keyExpected = false;
                continue;
            }
            if (c == '{' && depth > 0 && inObject[depth] && keyExpected) {
                int end = matchingBrace(i);
                if (end < 0) {
                    break; // unbalanced: let Jackson report it
                }
                replaceWithQuoted(i, end + 1);
                keyExpected = false;
                i = end + 1;
                continue;
            }
            switch (c) {
                case '{', '[' -> {
                    if (depth == maxDepth) {
                        throw new ProtocolException("JSON nesting deeper than " + maxDepth);
                    }
                    inObject[++depth] = c == '{';
                    keyExpected = c == '{';
                }
                case '}', ']' -> {
                    depth = Math.max(0, depth - 1);
                    keyExpected = false;
                }
                case ',' -> keyExpected = depth > 0 && inObject[depth];
                case ':' -> keyExpected = false;
                default -> {
                    // whitespace keeps the expectation; anything else is an unquoted key or a value
                    if (!Character.isWhitespace(c)) {
                        keyExpected = false;
                    }
                }
            }
            i++;
        }
        if (out == null) {
            return text;
        }
        out.append(text, copiedUpTo, n);
        return out.toString();
    }

    /** Index just after the string starting at {@code start} (or the end of text if unterminated). */
    private int skipString(int start) {
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '"') {
                return i + 1;
            } else {
                i++;
            }
        }
        return text.length();
    }

    /** Index of the brace closing the object starting at {@code start}, or -1. */
    private int matchingBrace(int start) {
        int level = 0;
        int i = start;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"') {
                i = skipString(i);
                continue;
            }
            if (c == '{') {
                level++;
            } else if (c == '}') {
                level--;
                if (level == 0) {
                    return i;
                }
            }
            i++;
        }
        return -1;
    }

    private void replaceWithQuoted(int from, int to) {
        if (out == null) {
            out = new StringBuilder(text.length() + 64);
        }
        out.append(text, copiedUpTo, from).append('"');
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            if (c < 0x20) {
                out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
        copiedUpTo = to;
    }
}
