package io.gantry.protocol.body;

/** How a topic's tags are filtered; MULTI_TAG sets the MULTI_TAGS sysFlag bit on stored messages. */
public enum TopicFilterType {
    SINGLE_TAG,
    MULTI_TAG
}
