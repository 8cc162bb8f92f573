package io.gantry.simulation.client;

import io.gantry.protocol.body.BrokerData;
import io.gantry.protocol.body.PermName;
import io.gantry.protocol.body.QueueData;
import io.gantry.protocol.body.RemotingJson;
import io.gantry.protocol.body.TopicRouteData;
import io.gantry.protocol.header.GetRouteInfoRequestHeader;
import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.protocol.remoting.RequestCode;
import io.gantry.protocol.remoting.ResponseCode;
import io.gantry.protocol.rpc.RpcConfig;
import io.gantry.protocol.rpc.RpcServer;
import io.gantry.runtime.NodeContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** A nameserver that answers GET_ROUTEINFO_BY_TOPIC from a table the test fills; counts the lookups. */
final class FakeNameServer {

    static final String ADDRESS = "ns:9876";

    final Map<String, TopicRouteData> routes = new HashMap<>();
    final List<String> lookups = new ArrayList<>();

    FakeNameServer(NodeContext context) {
        context.scheduler().execute(() -> {
            RpcServer server = new RpcServer(context, RpcConfig.defaults());
            server.processors().register(RequestCode.GET_ROUTEINFO_BY_TOPIC, (channel, request) -> {
                String topic = request.decodeHeader(GetRouteInfoRequestHeader.class).topic();
                lookups.add(topic);
                TopicRouteData route = routes.get(topic);
                if (route == null) {
                    return CompletableFuture.completedFuture(RemotingCommand.response(ResponseCode.TOPIC_NOT_EXIST)
                            .remark("No topic route info in name server for the topic: " + topic).build());
                }
                return CompletableFuture.completedFuture(
                        RemotingCommand.response(ResponseCode.SUCCESS).body(RemotingJson.encode(route)).build());
            });
            try {
                server.start(ADDRESS);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Routes {@code topic} to each broker (name = node id, address = id:10911) with {@code queues} queues, read and write. */
    void route(String topic, int queues, String... brokers) {
        List<QueueData> queueDatas = new ArrayList<>();
        List<BrokerData> brokerDatas = new ArrayList<>();
        for (String broker : brokers) {
            queueDatas.add(new QueueData(broker, queues, queues, PermName.READ | PermName.WRITE, 0));
            brokerDatas.add(new BrokerData("c1", broker, Map.of(BrokerData.MASTER_ID, FakeBroker.address(broker))));
        }
        routes.put(topic, new TopicRouteData(queueDatas, brokerDatas));
    }
}
