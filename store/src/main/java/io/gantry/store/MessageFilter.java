package io.gantry.store;

/**
 * Decides, from a consume-queue entry's tags code, whether a message may match a subscription.
 * A hash match is enough: the client re-checks the real tag, so collisions are harmless.
 */
@FunctionalInterface
public interface MessageFilter {

    /** Matches everything ("*"). */
    MessageFilter ALL = tagsCode -> true;

    boolean matchesTagsCode(long tagsCode);
}
