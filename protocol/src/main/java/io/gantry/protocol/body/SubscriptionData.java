package io.gantry.protocol.body;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One topic subscription of a consumer group. For TAG expressions {@code tagsSet} holds the tags
 * and {@code codeSet} their {@code String.hashCode()}; for SQL92 {@code subString} is the
 * expression and both sets are empty. {@code subVersion} is the subscription's creation time (ms).
 */
public record SubscriptionData(boolean classFilterMode, String topic, String subString, Set<String> tagsSet,
                               Set<Integer> codeSet, long subVersion, String expressionType) {

    /** The tag expression meaning "all tags". */
    public static final String SUB_ALL = "*";
    public static final String EXPRESSION_TAG = "TAG";
    public static final String EXPRESSION_SQL92 = "SQL92";

    public SubscriptionData {
        tagsSet = Copies.set(tagsSet);
        codeSet = Copies.set(codeSet);
    }

    /**
     * A TAG subscription built as the official client builds it: {@code null}, empty or {@code *}
     * means all tags (expression stored as {@code *}, empty sets); otherwise the expression is split
     * on {@code ||} and each trimmed, non-empty tag is kept with its hash code.
     */
    public static SubscriptionData ofTags(String topic, String expression, long subVersion) {
        String trimmed = expression == null ? "" : expression.trim();
        if (trimmed.isEmpty() || trimmed.equals(SUB_ALL)) {
            return new SubscriptionData(false, topic, SUB_ALL, Set.of(), Set.of(), subVersion, EXPRESSION_TAG);
        }
        Set<String> tags = new LinkedHashSet<>();
        Set<Integer> codes = new LinkedHashSet<>();
        for (String part : trimmed.split("\\|\\|")) {
            String tag = part.trim();
            if (!tag.isEmpty()) {
                tags.add(tag);
                codes.add(tag.hashCode());
            }
        }
        return new SubscriptionData(false, topic, trimmed, tags, codes, subVersion, EXPRESSION_TAG);
    }

    /** True if this subscription takes every tag. */
    @JsonIgnore
    public boolean isAllTags() {
        return subString == null || subString.isEmpty() || SUB_ALL.equals(subString.trim());
    }

    /** True for TAG expressions (the default when {@code expressionType} is absent). */
    @JsonIgnore
    public boolean isTagType() {
        return expressionType == null || EXPRESSION_TAG.equals(expressionType);
    }
}
