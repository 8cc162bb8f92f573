package io.gantry.nameserver.handler;

import io.gantry.nameserver.route.RouteTable;
import io.gantry.protocol.body.RemotingJson;
import io.gantry.protocol.body.TopicList;
import io.gantry.protocol.header.AddWritePermOfBrokerRequestHeader;
import io.gantry.protocol.header.AddWritePermOfBrokerResponseHeader;
import io.gantry.protocol.header.DeleteTopicFromNamesrvRequestHeader;
import io.gantry.protocol.header.GetTopicsByClusterRequestHeader;
import io.gantry.protocol.header.WipeWritePermOfBrokerRequestHeader;
import io.gantry.protocol.header.WipeWritePermOfBrokerResponseHeader;
import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.protocol.remoting.ResponseCode;
import java.util.Objects;
import java.util.Set;

/**
 * Topic lists and topic maintenance for admin tools: GET_ALL_TOPIC_LIST_FROM_NAMESERVER (206),
 * GET_TOPICS_BY_CLUSTER (224), GET_SYSTEM_TOPIC_LIST_FROM_NS (304), the unit topic lists
 * (311, 312, 313), WIPE_WRITE_PERM_OF_BROKER (205), ADD_WRITE_PERM_OF_BROKER (327) and
 * DELETE_TOPIC_IN_NAMESRV (216).
 */
final class TopicHandlers {

    /** topicSysFlag bit of a unit topic. */
    static final int FLAG_UNIT = 0x1;
    /** topicSysFlag bit of a topic with unit subscriptions. */
    static final int FLAG_UNIT_SUB = 0x2;

    private final RouteTable routes;

    TopicHandlers(RouteTable routes) {
        this.routes = Objects.requireNonNull(routes, "routes");
    }

    RemotingCommand allTopics(RequestContext context, RemotingCommand request) {
        return topicList(request, new TopicList(routes.allTopics()));
    }

    RemotingCommand topicsByCluster(RequestContext context, RemotingCommand request) {
        String cluster = request.decodeHeader(GetTopicsByClusterRequestHeader.class).cluster();
        return topicList(request, new TopicList(routes.topicsOfCluster(cluster)));
    }

    RemotingCommand systemTopics(RequestContext context, RemotingCommand request) {
        return topicList(request, routes.systemTopicList());
    }

    RemotingCommand unitTopics(RequestContext context, RemotingCommand request) {
        return topicList(request, new TopicList(routes.topicsWithSysFlag(flag -> (flag & FLAG_UNIT) != 0)));
    }

    RemotingCommand unitSubTopics(RequestContext context, RemotingCommand request) {
        return topicList(request, new TopicList(routes.topicsWithSysFlag(flag -> (flag & FLAG_UNIT_SUB) != 0)));
    }

    RemotingCommand unitSubNonUnitTopics(RequestContext context, RemotingCommand request) {
        Set<String> topics = routes.topicsWithSysFlag(flag -> (flag & FLAG_UNIT) == 0 && (flag & FLAG_UNIT_SUB) != 0);
        return topicList(request, new TopicList(topics));
    }

    RemotingCommand wipeWritePerm(RequestContext context, RemotingCommand request) {
        String brokerName = request.decodeHeader(WipeWritePermOfBrokerRequestHeader.class).brokerName();
        int count = routes.wipeWritePerm(brokerName);
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS)
                .header(new WipeWritePermOfBrokerResponseHeader(count))
                .build();
    }

    RemotingCommand addWritePerm(RequestContext context, RemotingCommand request) {
        String brokerName = request.decodeHeader(AddWritePermOfBrokerRequestHeader.class).brokerName();
        int count = routes.addWritePerm(brokerName);
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS)
                .header(new AddWritePermOfBrokerResponseHeader(count))
                .build();
    }

    RemotingCommand deleteTopic(RequestContext context, RemotingCommand request) {
        DeleteTopicFromNamesrvRequestHeader header = request.decodeHeader(DeleteTopicFromNamesrvRequestHeader.class);
        routes.deleteTopic(header.topic(), header.clusterName());
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS).build();
    }

    private static RemotingCommand topicList(RemotingCommand request, TopicList topics) {
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS).body(RemotingJson.encode(topics)).build();
    }
}
