package io.gantry.protocol.message;

/** The tags-code stored in consume-queue entries and matched against a subscription's codeSet. */
public final class TagsCode {

    private TagsCode() {
    }

    /** {@code tags.hashCode()} widened to a long; 0 when there is no tag. */
    public static long of(String tags) {
        return tags == null || tags.isEmpty() ? 0L : tags.hashCode();
    }
}
