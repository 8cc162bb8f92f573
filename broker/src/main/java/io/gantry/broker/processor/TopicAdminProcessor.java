package io.gantry.broker.processor;

import io.gantry.broker.offset.ConsumerOffsetTable;
import io.gantry.broker.topic.TopicConfigTable;
import io.gantry.broker.topic.TopicNames;
import io.gantry.protocol.body.RemotingJson;
import io.gantry.protocol.body.TopicConfig;
import io.gantry.protocol.body.TopicFilterType;
import io.gantry.protocol.header.CreateTopicRequestHeader;
import io.gantry.protocol.header.DeleteTopicRequestHeader;
import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.protocol.remoting.ResponseCode;
import io.gantry.protocol.rpc.RemotingChannel;
import io.gantry.runtime.Clock;
import io.gantry.broker.config.BrokerConfig;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Topic administration: UPDATE_AND_CREATE_TOPIC (17), DELETE_TOPIC_IN_BROKER (215) and
 * GET_ALL_TOPIC_CONFIG (21). A change bumps the topic DataVersion, which saves topics.json and
 * re-registers with the nameservers. Deleting a topic drops its config and committed offsets; its
 * stored messages stay until retention removes their segments.
 */
public final class TopicAdminProcessor {

    private final TopicConfigTable topics;
    private final ConsumerOffsetTable offsets;
    private final Clock clock;

    public TopicAdminProcessor(TopicConfigTable topics, ConsumerOffsetTable offsets, Clock clock) {
        this.topics = Objects.requireNonNull(topics, "topics");
        this.offsets = Objects.requireNonNull(offsets, "offsets");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public CompletableFuture<RemotingCommand> createOrUpdate(RemotingChannel channel, RemotingCommand request) {
        CreateTopicRequestHeader header = request.decodeHeader(CreateTopicRequestHeader.class);
        String illegal = TopicNames.whyIllegal(header.topic());
        if (illegal != null) {
            return Responses.error(ResponseCode.SYSTEM_ERROR, illegal);
        }
        if (header.topic().equals(TopicNames.AUTO_CREATE_TOPIC_KEY) || TopicNames.isNotSendable(header.topic())) {
            return Responses.error(ResponseCode.SYSTEM_ERROR, "the topic[" + header.topic() + "] is a system topic");
        }
        int read = header.readQueueNums();
        int write = header.writeQueueNums();
        if (read < 1 || write < 1 || read > BrokerConfig.MAX_QUEUE_NUMS || write > BrokerConfig.MAX_QUEUE_NUMS) {
            return Responses.error(ResponseCode.SYSTEM_ERROR, "queue numbers must be in [1, " + BrokerConfig.MAX_QUEUE_NUMS + "]");
        }
        TopicFilterType filterType;
        try {
            filterType = TopicFilterType.valueOf(header.topicFilterType().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Responses.error(ResponseCode.SYSTEM_ERROR, "unknown topicFilterType " + header.topicFilterType());
        }
        topics.put(new TopicConfig(header.topic(), read, write, header.perm() & 0x7, filterType,
                header.topicSysFlag() == null ? 0 : header.topicSysFlag(), Boolean.TRUE.equals(header.order()), null),
                clock.wallClockMs());
        return Responses.done(RemotingCommand.response(ResponseCode.SUCCESS).build());
    }

    public CompletableFuture<RemotingCommand> delete(RemotingChannel channel, RemotingCommand request) {
        DeleteTopicRequestHeader header = request.decodeHeader(DeleteTopicRequestHeader.class);
        if (header.topic().equals(TopicNames.AUTO_CREATE_TOPIC_KEY) || TopicNames.isNotSendable(header.topic())) {
            return Responses.error(ResponseCode.SYSTEM_ERROR, "the topic[" + header.topic() + "] is a system topic");
        }
        topics.remove(header.topic(), clock.wallClockMs());
        offsets.removeTopic(header.topic());
        return Responses.done(RemotingCommand.response(ResponseCode.SUCCESS).build());
    }

    public CompletableFuture<RemotingCommand> allTopics(RemotingChannel channel, RemotingCommand request) {
        return Responses.done(RemotingCommand.response(ResponseCode.SUCCESS)
                .body(RemotingJson.encode(topics.snapshot())).build());
    }
}
