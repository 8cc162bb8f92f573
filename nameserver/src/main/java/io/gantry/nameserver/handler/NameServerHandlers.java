package io.gantry.nameserver.handler;

import io.gantry.nameserver.NameServerConfig;
import io.gantry.nameserver.kv.KvConfigTable;
import io.gantry.nameserver.route.RouteTableFullException;
import io.gantry.nameserver.route.RouteTable;
import io.gantry.protocol.header.HeaderException;
import io.gantry.protocol.remoting.ProtocolException;
import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.protocol.remoting.RequestCode;
import io.gantry.protocol.remoting.ResponseCode;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every request the nameserver answers, by request code, over one {@link RouteTable} and one
 * {@link KvConfigTable}. Each handler is wrapped so that a bad request becomes an error response
 * instead of an exception: a malformed header answers with the {@link HeaderException}'s code and
 * remark, a malformed body or a full table with SYSTEM_ERROR and the reason. Codes not in
 * {@link #handlers()} are for the RPC layer to refuse ({@link #handle} does it with
 * REQUEST_CODE_NOT_SUPPORTED, for callers without one).
 */
public final class NameServerHandlers {

    private static final Logger LOG = LoggerFactory.getLogger(NameServerHandlers.class);

    private final Map<Integer, RequestHandler> byCode = new TreeMap<>();

    public NameServerHandlers(NameServerConfig config, RouteTable routes, KvConfigTable kvConfig) {
        Objects.requireNonNull(config, "config");
        BrokerHandlers brokers = new BrokerHandlers(routes, kvConfig, config.brokerChannelExpiredTimeMs());
        RouteHandlers routing = new RouteHandlers(routes, kvConfig, config.orderMessageEnable());
        TopicHandlers topics = new TopicHandlers(routes);
        KvConfigHandlers kv = new KvConfigHandlers(kvConfig);

        add(RequestCode.REGISTER_BROKER, brokers::registerBroker);
        add(RequestCode.UNREGISTER_BROKER, brokers::unregisterBroker);
        add(RequestCode.QUERY_DATA_VERSION, brokers::queryDataVersion);
        add(RequestCode.BROKER_HEARTBEAT, brokers::brokerHeartbeat);
        add(RequestCode.GET_ROUTEINFO_BY_TOPIC, routing::routeInfoByTopic);
        add(RequestCode.GET_BROKER_CLUSTER_INFO, routing::brokerClusterInfo);
        add(RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER, topics::allTopics);
        add(RequestCode.GET_TOPICS_BY_CLUSTER, topics::topicsByCluster);
        add(RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_NS, topics::systemTopics);
        add(RequestCode.GET_UNIT_TOPIC_LIST, topics::unitTopics);
        add(RequestCode.GET_HAS_UNIT_SUB_TOPIC_LIST, topics::unitSubTopics);
        add(RequestCode.GET_HAS_UNIT_SUB_UNUNIT_TOPIC_LIST, topics::unitSubNonUnitTopics);
        add(RequestCode.WIPE_WRITE_PERM_OF_BROKER, topics::wipeWritePerm);
        add(RequestCode.ADD_WRITE_PERM_OF_BROKER, topics::addWritePerm);
        add(RequestCode.DELETE_TOPIC_IN_NAMESRV, topics::deleteTopic);
        add(RequestCode.PUT_KV_CONFIG, kv::put);
        add(RequestCode.GET_KV_CONFIG, kv::get);
        add(RequestCode.DELETE_KV_CONFIG, kv::delete);
        add(RequestCode.GET_KVLIST_BY_NAMESPACE, kv::listByNamespace);
        add(RequestCode.GET_NAMESRV_CONFIG, (context, request) -> RemotingCommand
                .responseTo(request, ResponseCode.SUCCESS)
                .body(propertiesText(config.asProperties()).getBytes(StandardCharsets.UTF_8))
                .build());
    }

    private void add(int code, RequestHandler handler) {
        RequestHandler previous = byCode.put(code, guarded(handler));
        assert previous == null : "two handlers for code " + code;
    }

    /** The guarded handlers by request code, ascending. */
    public Map<Integer, RequestHandler> handlers() {
        return Collections.unmodifiableMap(byCode);
    }

    /** Answers {@code request}; a code without a handler gets REQUEST_CODE_NOT_SUPPORTED. */
    public RemotingCommand handle(RequestContext context, RemotingCommand request) {
        RequestHandler handler = byCode.get(request.code());
        return handler == null ? RemotingCommand.notSupported(request) : handler.handle(context, request);
    }

    private static RequestHandler guarded(RequestHandler handler) {
        return (context, request) -> {
            try {
                return handler.handle(context, request);
            } catch (HeaderException e) {
                return RemotingCommand.errorResponse(request, e.responseCode(), e.remark());
            } catch (ProtocolException | RouteTableFullException e) {
                LOG.warn("{} from {} refused: {}", RequestCode.nameOf(request.code()), context.remoteAddress(), e.getMessage());
                return RemotingCommand.errorResponse(request, ResponseCode.SYSTEM_ERROR, e.getMessage());
            } catch (IllegalStateException | IllegalArgumentException e) {
                // A full KV table or a value the tables reject (a negative broker id): the request's fault.
                LOG.warn("{} from {} refused: {}", RequestCode.nameOf(request.code()), context.remoteAddress(), e.getMessage());
                return RemotingCommand.errorResponse(request, ResponseCode.SYSTEM_ERROR, e.getMessage());
            }
        };
    }

    /** {@code key=value} lines, as RocketMQ's nameserver sends its configuration. */
    private static String propertiesText(Map<String, String> properties) {
        StringBuilder text = new StringBuilder();
        properties.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        return text.toString();
    }
}
