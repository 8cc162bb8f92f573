package io.gantry.nameserver.handler;

import io.gantry.nameserver.kv.KvConfigTable;
import io.gantry.nameserver.route.BrokerLiveInfo;
import io.gantry.nameserver.route.BrokerRegistration;
import io.gantry.nameserver.route.RegisterResult;
import io.gantry.nameserver.route.RouteTable;
import io.gantry.protocol.body.DataVersion;
import io.gantry.protocol.body.KVTable;
import io.gantry.protocol.body.RegisterBrokerBody;
import io.gantry.protocol.body.RemotingJson;
import io.gantry.protocol.header.QueryDataVersionRequestHeader;
import io.gantry.protocol.header.QueryDataVersionResponseHeader;
import io.gantry.protocol.header.RegisterBrokerRequestHeader;
import io.gantry.protocol.header.RegisterBrokerResponseHeader;
import io.gantry.protocol.header.UnregisterBrokerRequestHeader;
import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.protocol.remoting.ResponseCode;
import java.util.Objects;
import java.util.Optional;

/**
 * The requests brokers send: REGISTER_BROKER (103), UNREGISTER_BROKER (104), QUERY_DATA_VERSION
 * (322) and the 5.x BROKER_HEARTBEAT (904).
 */
final class BrokerHandlers {

    /** Upper bound on a broker's own heartbeat timeout: a day. */
    static final long MAX_BROKER_TIMEOUT_MS = 86_400_000L;

    private final RouteTable routes;
    private final KvConfigTable kvConfig;
    private final long defaultTimeoutMs;

    BrokerHandlers(RouteTable routes, KvConfigTable kvConfig, long defaultTimeoutMs) {
        this.routes = Objects.requireNonNull(routes, "routes");
        this.kvConfig = Objects.requireNonNull(kvConfig, "kvConfig");
        this.defaultTimeoutMs = defaultTimeoutMs;
    }

    RemotingCommand registerBroker(RequestContext context, RemotingCommand request) {
        RegisterBrokerRequestHeader header = request.decodeHeader(RegisterBrokerRequestHeader.class);
        if (!RegisterBrokerBodyDecoder.crcMatches(header.bodyCrc32(), request.body())) {
            return RemotingCommand.errorResponse(request, ResponseCode.SYSTEM_ERROR, "crc32 not match");
        }
        RegisterBrokerBody body = RegisterBrokerBodyDecoder.decode(request.body(), header.compressed(), request.version());
        BrokerRegistration registration = new BrokerRegistration(header.clusterName(), header.brokerName(),
                header.brokerAddr(), header.brokerId(), header.haServerAddr(),
                body.topicConfigSerializeWrapper().topicConfigTable(),
                body.topicConfigSerializeWrapper().dataVersion(),
                timeoutOf(header), context.channelId());
        RegisterResult result = routes.register(registration, context.nowMs());
        RemotingCommand.Builder response = RemotingCommand.responseTo(request, ResponseCode.SUCCESS)
                .header(new RegisterBrokerResponseHeader(result.haServerAddr(), result.masterAddr()));
        kvConfig.list(KvConfigTable.ORDER_TOPIC_CONFIG)
                .ifPresent(table -> response.body(RemotingJson.encode(new KVTable(table))));
        return response.build();
    }

    private long timeoutOf(RegisterBrokerRequestHeader header) {
        Long asked = header.heartbeatTimeoutMillis();
        return asked == null || asked <= 0 ? defaultTimeoutMs : Math.min(asked, MAX_BROKER_TIMEOUT_MS);
    }

    RemotingCommand unregisterBroker(RequestContext context, RemotingCommand request) {
        UnregisterBrokerRequestHeader header = request.decodeHeader(UnregisterBrokerRequestHeader.class);
        routes.unregister(header.clusterName(), header.brokerName(), header.brokerAddr(), header.brokerId());
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS).build();
    }

    RemotingCommand brokerHeartbeat(RequestContext context, RemotingCommand request) {
        BrokerHeartbeatRequestHeader header = request.decodeHeader(BrokerHeartbeatRequestHeader.class);
        routes.refresh(header.clusterName(), header.brokerAddr(), context.nowMs());
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS).build();
    }

    RemotingCommand queryDataVersion(RequestContext context, RemotingCommand request) {
        QueryDataVersionRequestHeader header = request.decodeHeader(QueryDataVersionRequestHeader.class);
        DataVersion brokerVersion = RemotingJson.decode(request.body(), DataVersion.class);
        boolean changed = routes.isDataVersionChanged(header.clusterName(), header.brokerAddr(), brokerVersion);
        if (!changed) {
            routes.refresh(header.clusterName(), header.brokerAddr(), context.nowMs());
        }
        Optional<DataVersion> held = routes.liveInfo(header.clusterName(), header.brokerAddr())
                .map(BrokerLiveInfo::dataVersion);
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS)
                .header(new QueryDataVersionResponseHeader(changed))
                .body(held.map(RemotingJson::encode).orElse(null))
                .build();
    }
}
