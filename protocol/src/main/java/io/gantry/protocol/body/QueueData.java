package io.gantry.protocol.body;

/** One broker group's queues for a topic, in a {@link TopicRouteData}. perm: {@link PermName} bits. */
public record QueueData(String brokerName, int readQueueNums, int writeQueueNums, int perm, int topicSysFlag) {
}
