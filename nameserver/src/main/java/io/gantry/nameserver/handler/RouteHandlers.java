package io.gantry.nameserver.handler;

import io.gantry.nameserver.kv.KvConfigTable;
import io.gantry.nameserver.route.RouteTable;
import io.gantry.protocol.body.RemotingJson;
import io.gantry.protocol.body.TopicRouteData;
import io.gantry.protocol.header.GetRouteInfoRequestHeader;
import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.protocol.remoting.ResponseCode;
import java.util.Objects;
import java.util.Optional;

/** What clients ask for routing: GET_ROUTEINFO_BY_TOPIC (105) and GET_BROKER_CLUSTER_INFO (106). */
final class RouteHandlers {

    private final RouteTable routes;
    private final KvConfigTable kvConfig;
    private final boolean orderMessageEnable;

    RouteHandlers(RouteTable routes, KvConfigTable kvConfig, boolean orderMessageEnable) {
        this.routes = Objects.requireNonNull(routes, "routes");
        this.kvConfig = Objects.requireNonNull(kvConfig, "kvConfig");
        this.orderMessageEnable = orderMessageEnable;
    }

    RemotingCommand routeInfoByTopic(RequestContext context, RemotingCommand request) {
        String topic = request.decodeHeader(GetRouteInfoRequestHeader.class).topic();
        Optional<TopicRouteData> found = routes.route(topic);
        if (found.isEmpty()) {
            return RemotingCommand.errorResponse(request, ResponseCode.TOPIC_NOT_EXIST,
                    "No topic route info in name server for the topic: " + topic);
        }
        TopicRouteData route = found.get();
        if (orderMessageEnable) {
            String orderTopicConf = kvConfig.get(KvConfigTable.ORDER_TOPIC_CONFIG, topic).orElse(null);
            route = new TopicRouteData(orderTopicConf, route.queueDatas(), route.brokerDatas(), route.filterServerTable());
        }
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS).body(RemotingJson.encode(route)).build();
    }

    RemotingCommand brokerClusterInfo(RequestContext context, RemotingCommand request) {
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS)
                .body(RemotingJson.encode(routes.clusterInfo()))
                .build();
    }
}
