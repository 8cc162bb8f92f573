package io.gantry.simulation.nameserver;

import io.gantry.protocol.body.DataVersion;
import io.gantry.protocol.body.RegisterBrokerBody;
import io.gantry.protocol.body.RemotingJson;
import io.gantry.protocol.body.TopicConfig;
import io.gantry.protocol.body.TopicConfigSerializeWrapper;
import io.gantry.protocol.header.RegisterBrokerRequestHeader;
import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.protocol.remoting.RequestCode;
import io.gantry.protocol.remoting.ResponseCode;
import io.gantry.protocol.rpc.RpcClient;
import io.gantry.protocol.rpc.RpcConfig;
import io.gantry.runtime.NodeContext;
import java.util.List;
import java.util.Map;

/**
 * A broker reduced to what the nameserver sees: it registers one topic every 30 s (first at
 * once), with RocketMQ's 6 s register timeout, and counts successful registrations. Runs on its
 * node's loop.
 */
final class FakeBroker {

    static final long REGISTER_PERIOD_MS = 30_000;
    static final long REGISTER_TIMEOUT_MS = 6_000;

    private final NodeContext context;
    private final String nameServerAddr;
    private final String brokerAddr;
    private final String topic;
    private final RpcClient rpc;
    private int successes;
    private int failures;

    FakeBroker(NodeContext context, String nameServerAddr, String brokerAddr, String topic) {
        this.context = context;
        this.nameServerAddr = nameServerAddr;
        this.brokerAddr = brokerAddr;
        this.topic = topic;
        this.rpc = new RpcClient(context, RpcConfig.defaults());
    }

    /** Starts registering every 30 s. Call on the loop. */
    void start() {
        context.scheduler().schedulePeriodic(0, REGISTER_PERIOD_MS, this::registerOnce);
    }

    private void registerOnce() {
        RegisterBrokerBody body = new RegisterBrokerBody(new TopicConfigSerializeWrapper(
                Map.of(topic, TopicConfig.of(topic, 4)), new DataVersion(1_000, 1)), List.of());
        RemotingCommand request = RemotingCommand.request(RequestCode.REGISTER_BROKER)
                .header(new RegisterBrokerRequestHeader("broker-a", brokerAddr, "DefaultCluster",
                        brokerAddr + "-ha", 0L, false, 0, null, null))
                .body(RemotingJson.encode(body))
                .build();
        rpc.invoke(nameServerAddr, request, REGISTER_TIMEOUT_MS).whenComplete((response, failure) -> {
            if (failure == null && response.code() == ResponseCode.SUCCESS) {
                successes++;
            } else {
                failures++;
            }
        });
    }

    int successes() {
        return successes;
    }

    int failures() {
        return failures;
    }
}
