package io.gantry.broker;

import io.gantry.broker.client.ClientManager;
import io.gantry.broker.client.QueueLockTable;
import io.gantry.broker.config.BrokerConfig;
import io.gantry.broker.config.BrokerRole;
import io.gantry.broker.config.RuntimeBrokerConfig;
import io.gantry.broker.group.SubscriptionGroupTable;
import io.gantry.broker.ha.HaClient;
import io.gantry.broker.ha.HaServer;
import io.gantry.broker.ha.ReplicationStatus;
import io.gantry.broker.ha.SlaveSynchronizer;
import io.gantry.broker.longpoll.LongPollingService;
import io.gantry.broker.offset.ConsumerOffsetTable;
import io.gantry.broker.persist.ConfigPersister;
import io.gantry.broker.persist.JsonConfigFile;
import io.gantry.broker.processor.BrokerAdminProcessor;
import io.gantry.broker.processor.BrokerConfigProcessor;
import io.gantry.broker.processor.ClientAdminProcessor;
import io.gantry.broker.processor.DelayOffsetProcessor;
import io.gantry.broker.processor.ClientProcessor;
import io.gantry.broker.processor.EndTransactionProcessor;
import io.gantry.broker.processor.LockProcessor;
import io.gantry.broker.processor.OffsetProcessor;
import io.gantry.broker.processor.PullMessageProcessor;
import io.gantry.broker.processor.QueryProcessor;
import io.gantry.broker.processor.SendBackProcessor;
import io.gantry.broker.processor.SendMessageProcessor;
import io.gantry.broker.processor.StoreWriter;
import io.gantry.broker.processor.TopicAdminProcessor;
import io.gantry.broker.registrar.BrokerRegistrar;
import io.gantry.broker.schedule.DelayLevels;
import io.gantry.broker.schedule.ScheduleMessageService;
import io.gantry.broker.topic.TopicConfigTable;
import io.gantry.broker.transaction.TransactionCheckService;
import io.gantry.protocol.body.ConsumerOffsetSerializeWrapper;
import io.gantry.protocol.body.DelayOffsetSerializeWrapper;
import io.gantry.protocol.body.SubscriptionGroupWrapper;
import io.gantry.protocol.body.TopicConfigSerializeWrapper;
import io.gantry.protocol.message.HostAddress;
import io.gantry.protocol.body.RemotingJson;
import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.protocol.remoting.RequestCode;
import io.gantry.protocol.remoting.ResponseCode;
import io.gantry.protocol.rpc.ChannelListener;
import io.gantry.protocol.rpc.ProcessorRegistry;
import io.gantry.protocol.rpc.RemotingChannel;
import io.gantry.protocol.rpc.RpcClient;
import io.gantry.protocol.rpc.RpcConfig;
import io.gantry.protocol.rpc.RpcServer;
import io.gantry.runtime.Cancellable;
import io.gantry.runtime.NodeContext;
import io.gantry.store.MessageStore;
import io.gantry.store.StoreConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker node: opens (and recovers) the store, loads its configuration files, serves the
 * request processors on an {@link RpcServer} and keeps itself registered with the nameservers.
 * It only wires parts together: the work is done by the processors, tables and services it builds.
 *
 * <p>Everything runs on the node's loop: call {@link #start()} and {@link #shutdown()} there. The same
 * class runs in production and in the simulation; it touches the world only through its
 * {@link NodeContext}. Files live under the store root: the store's own, and {@code config/topics.json},
 * {@code config/subscriptionGroup.json} and {@code config/consumerOffset.json} (saved after changes,
 * offsets every {@code flushConsumerOffsetInterval}), and {@code config/delayOffset.json} (delayed-message
 * progress).
 */
public final class Broker {

    private static final Logger LOG = LoggerFactory.getLogger(Broker.class);
    /** How often silent clients and stale locks are swept. */
    static final long CLIENT_SCAN_INTERVAL_MS = 10_000;

    private final NodeContext context;
    private final BrokerConfig config;
    /** The settings UPDATE_BROKER_CONFIG may have changed since start. */
    private final RuntimeBrokerConfig runtimeConfig;
    private final StoreConfig storeConfig;
    private final TopicConfigTable topics;
    private final SubscriptionGroupTable groups;
    private final ConsumerOffsetTable offsets = new ConsumerOffsetTable();
    private final ClientManager clients = new ClientManager();
    private final QueueLockTable locks;
    private final LongPollingService longPolling;
    private final RpcServer server;
    private final RpcClient nameServerClient;
    private final BrokerRegistrar registrar;
    private final List<Cancellable> timers = new ArrayList<>();
    private final DelayLevels delayLevels;
    private MessageStore store;
    private HaServer haServer;
    private HaClient haClient;
    private SlaveSynchronizer slaveSync;
    private String haAddress;
    private ScheduleMessageService scheduleService;
    private TransactionCheckService transactionCheck;
    private ConfigPersister<TopicConfigSerializeWrapper> topicPersister;
    private ConfigPersister<SubscriptionGroupWrapper> groupPersister;
    private ConfigPersister<ConsumerOffsetSerializeWrapper> offsetPersister;
    private long savedOffsetVersion;
    private String address;
    private HostAddress advertisedHost;
    private boolean started;
    private CompletableFuture<Void> shutdown;

    public Broker(NodeContext context, BrokerConfig config, StoreConfig storeConfig) {
        this.context = Objects.requireNonNull(context, "context");
        this.config = Objects.requireNonNull(config, "config");
        this.storeConfig = Objects.requireNonNull(storeConfig, "storeConfig");
        this.runtimeConfig = new RuntimeBrokerConfig(config, context.clock().wallClockMs());
        this.delayLevels = DelayLevels.parse(config.messageDelayLevel());
        this.topics = new TopicConfigTable(config);
        this.groups = new SubscriptionGroupTable(config.autoCreateSubscriptionGroup());
        runtimeConfig.addListener(changed -> groups.setAutoCreate(changed.autoCreateSubscriptionGroup()));
        this.locks = new QueueLockTable(config.queueLockMaxLiveTimeMs());
        this.longPolling = new LongPollingService(context.scheduler());
        this.server = new RpcServer(context, RpcConfig.defaults());
        this.nameServerClient = new RpcClient(context, RpcConfig.defaults());
        this.registrar = new BrokerRegistrar(context.scheduler(), config, nameServerClient, topics::snapshot);
    }

    /**
     * Opens and recovers the store (blocking, before anything is served), loads the configuration
     * files, starts serving and registers with the nameservers. Returns the advertised address
     * ({@code brokerIP1:port}, with the real port when 0 was asked for). Call on the loop, once.
     *
     * @throws IOException if the store or a configuration file cannot be read, or the port bound
     */
    public String start() throws IOException {
        assert context.scheduler().inLoop() : "start off the loop";
        if (started) {
            throw new IllegalStateException("broker already started");
        }
        started = true;
        store = MessageStore.open(context, storeConfig);
        store.start();
        String bound;
        try {
            loadConfigs();
            registerProcessors();
            bound = server.start(config.listenAddress());
            startReplication(Integer.parseInt(bound.substring(bound.lastIndexOf(':') + 1)));
        } catch (IOException | RuntimeException e) {
            if (haServer != null) {
                haServer.close();
            }
            if (haClient != null) {
                haClient.stop();
            }
            // Best effort: stop the store's timers and flush; the caller may drop the loop right after.
            if (scheduleService != null) {
                scheduleService.shutdown();
            }
            if (transactionCheck != null) {
                transactionCheck.stop();
            }
            server.close();
            nameServerClient.close();
            store.shutdown().whenComplete((ignored, failure) -> { });
            throw e;
        }
        address = config.brokerIP1() + ":" + bound.substring(bound.lastIndexOf(':') + 1);
        advertisedHost = HostAddress.parse(address);
        timers.add(context.scheduler().schedulePeriodic(config.flushConsumerOffsetInterval(),
                config.flushConsumerOffsetInterval(), this::saveOffsetsIfChanged));
        timers.add(context.scheduler().schedulePeriodic(CLIENT_SCAN_INTERVAL_MS, CLIENT_SCAN_INTERVAL_MS,
                this::scanClients));
        registrar.start(address);
        LOG.info("broker {} ({}/{}) serving at {}", context.nodeId(), config.brokerClusterName(), config.brokerName(),
                address);
        return address;
    }

    /**
     * A master listens for slaves on haListenPort; a slave replicates from the configured
     * haMasterAddress, or from the one the nameservers name in their REGISTER_BROKER answers, and copies
     * metadata from the master's broker address given there.
     */
    private void startReplication(int boundPort) throws IOException {
        if (config.brokerRole() != BrokerRole.SLAVE) {
            haServer = new HaServer(context, store, config.haSendHeartbeatInterval(), config.haHousekeepingInterval(),
                    config.haMaxGapNotInSync(), storeConfig.syncFlushTimeout());
            String bound = haServer.start(config.brokerIP1() + ":" + config.haPortFor(boundPort));
            haAddress = config.brokerIP1() + ":" + bound.substring(bound.lastIndexOf(':') + 1);
            registrar.setHaServerAddr(haAddress);
            return;
        }
        haClient = new HaClient(context, store, config.haSendHeartbeatInterval(), config.haHousekeepingInterval());
        slaveSync = new SlaveSynchronizer(context, nameServerClient, topics, groups, offsets, scheduleService);
        if (!config.haMasterAddress().isEmpty()) {
            haClient.setMasterAddress(config.haMasterAddress());
        }
        registrar.setMasterListener(answer -> {
            if (config.haMasterAddress().isEmpty() && answer.haServerAddr() != null && !answer.haServerAddr().isEmpty()) {
                haClient.setMasterAddress(answer.haServerAddr());
            }
            if (answer.masterAddr() != null && !answer.masterAddr().isEmpty()) {
                slaveSync.setMasterAddress(answer.masterAddr());
            }
        });
        haClient.start();
        slaveSync.start();
    }

    private void loadConfigs() throws IOException {
        String dir = storeConfig.storePathRootDir() + "/config";
        JsonConfigFile<TopicConfigSerializeWrapper> topicFile =
                new JsonConfigFile<>(context.disk(), dir, "topics.json", TopicConfigSerializeWrapper.class);
        JsonConfigFile<SubscriptionGroupWrapper> groupFile =
                new JsonConfigFile<>(context.disk(), dir, "subscriptionGroup.json", SubscriptionGroupWrapper.class);
        JsonConfigFile<ConsumerOffsetSerializeWrapper> offsetFile =
                new JsonConfigFile<>(context.disk(), dir, "consumerOffset.json", ConsumerOffsetSerializeWrapper.class);
        TopicConfigSerializeWrapper savedTopics = topicFile.read();
        if (savedTopics != null) {
            topics.load(savedTopics);
        }
        SubscriptionGroupWrapper savedGroups = groupFile.read();
        if (savedGroups != null) {
            groups.load(savedGroups);
        }
        ConsumerOffsetSerializeWrapper savedOffsets = offsetFile.read();
        if (savedOffsets != null) {
            offsets.load(savedOffsets);
        }
        savedOffsetVersion = offsets.version();
        topicPersister = new ConfigPersister<>(context.scheduler(), topicFile, topics::snapshot);
        groupPersister = new ConfigPersister<>(context.scheduler(), groupFile, groups::snapshot);
        offsetPersister = new ConfigPersister<>(context.scheduler(), offsetFile, offsets::snapshot);
        topics.setChangeListener(() -> {
            topicPersister.requestSave();
            registrar.registerNow();
        });
        groups.setChangeListener(groupPersister::requestSave);
        LOG.info("{} topics ({} saved in {})", topics.size(), savedTopics == null ? 0 : savedTopics.topicConfigTable().size(),
                topicFile.path());
    }

    private void registerProcessors() throws IOException {
        ProcessorRegistry registry = server.processors();
        // The store host is the advertised address, known once the port is bound (requests come after).
        Supplier<HostAddress> storeHost = () -> advertisedHost;
        StoreWriter writer = new StoreWriter(store, longPolling::notifyMessageArriving, config.brokerRole(),
                new StoreWriter.Replication() {
                    @Override
                    public void appended(long endOffset) {
                        if (haServer != null) {
                            haServer.wakeUp();
                        }
                    }

                    @Override
                    public boolean synchronous() {
                        return config.brokerRole() == BrokerRole.SYNC_MASTER;
                    }

                    @Override
                    public CompletableFuture<ReplicationStatus> await(long endOffset) {
                        return haServer == null
                                ? CompletableFuture.completedFuture(ReplicationStatus.SLAVE_NOT_AVAILABLE)
                                : haServer.awaitReplication(endOffset);
                    }
                });
        scheduleService = new ScheduleMessageService(context.scheduler(), context.clock(), store, delayLevels,
                new JsonConfigFile<>(context.disk(), storeConfig.storePathRootDir() + "/config", "delayOffset.json",
                        DelayOffsetSerializeWrapper.class), writer::putInternal);
        scheduleService.start();
        SendMessageProcessor send = new SendMessageProcessor(context, config, topics, groups, writer, storeHost,
                delayLevels);
        registry.register(RequestCode.SEND_MESSAGE, send);
        registry.register(RequestCode.SEND_MESSAGE_V2, send);
        registry.register(RequestCode.SEND_BATCH_MESSAGE, send);
        EndTransactionProcessor endTransaction = new EndTransactionProcessor(store, writer, topics, context.clock(),
                offset -> transactionCheck.onResolved(offset));
        transactionCheck = new TransactionCheckService(context.scheduler(), context.clock(), store, clients,
                config.transactionCheckInterval(), config.transactionTimeOut(), config.transactionCheckMax(),
                endTransaction::giveUp);
        if (config.brokerRole() != BrokerRole.SLAVE) {
            // A slave stores no writes of its own: half messages are checked by its master.
            transactionCheck.start();
        }
        registry.register(RequestCode.END_TRANSACTION, endTransaction);
        registry.register(RequestCode.CONSUMER_SEND_MSG_BACK, new SendBackProcessor(context, config, topics, groups, store,
                writer, delayLevels, storeHost));
        PullMessageProcessor pull = new PullMessageProcessor(context, config, topics, groups, clients, offsets, store,
                longPolling);
        registry.register(RequestCode.PULL_MESSAGE, pull);
        registry.register(RequestCode.LITE_PULL_MESSAGE, pull);
        ClientProcessor clientProcessor = new ClientProcessor(context, clients, groups, topics);
        registry.register(RequestCode.HEART_BEAT, clientProcessor::heartbeat);
        registry.register(RequestCode.UNREGISTER_CLIENT, clientProcessor::unregister);
        registry.register(RequestCode.GET_CONSUMER_LIST_BY_GROUP, clientProcessor::consumerList);
        registry.register(RequestCode.CHECK_CLIENT_CONFIG, clientProcessor::checkClientConfig);
        OffsetProcessor offsetProcessor = new OffsetProcessor(offsets, store);
        registry.register(RequestCode.QUERY_CONSUMER_OFFSET, offsetProcessor::query);
        registry.register(RequestCode.UPDATE_CONSUMER_OFFSET, offsetProcessor::update);
        registry.register(RequestCode.GET_MAX_OFFSET, offsetProcessor::maxOffset);
        registry.register(RequestCode.GET_MIN_OFFSET, offsetProcessor::minOffset);
        registry.register(RequestCode.GET_EARLIEST_MSG_STORETIME, offsetProcessor::earliestTime);
        registry.register(RequestCode.SEARCH_OFFSET_BY_TIMESTAMP, offsetProcessor::searchByTime);
        LockProcessor lockProcessor = new LockProcessor(locks, context.clock());
        registry.register(RequestCode.LOCK_BATCH_MQ, lockProcessor::lock);
        registry.register(RequestCode.UNLOCK_BATCH_MQ, lockProcessor::unlock);
        QueryProcessor query = new QueryProcessor(store);
        registry.register(RequestCode.VIEW_MESSAGE_BY_ID, query::viewById);
        registry.register(RequestCode.QUERY_MESSAGE, query::queryByKey);
        TopicAdminProcessor topicAdmin = new TopicAdminProcessor(topics, offsets, context.clock());
        registry.register(RequestCode.UPDATE_AND_CREATE_TOPIC, topicAdmin::createOrUpdate);
        registry.register(RequestCode.DELETE_TOPIC_IN_BROKER, topicAdmin::delete);
        registry.register(RequestCode.GET_ALL_TOPIC_CONFIG, topicAdmin::allTopics);
        BrokerAdminProcessor admin = new BrokerAdminProcessor(config, topics, groups, offsets, clients, store,
                context.clock());
        registry.register(RequestCode.GET_TOPIC_STATS_INFO, admin::topicStats);
        registry.register(RequestCode.GET_CONSUME_STATS, admin::consumeStats);
        registry.register(RequestCode.GET_CONSUMER_CONNECTION_LIST, admin::consumerConnections);
        registry.register(RequestCode.QUERY_TOPIC_CONSUME_BY_WHO, admin::consumedByWho);
        registry.register(RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP, admin::createGroup);
        registry.register(RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG, admin::allGroups);
        registry.register(RequestCode.GET_ALL_CONSUMER_OFFSET, admin::allConsumerOffsets);
        BrokerConfigProcessor configProcessor = new BrokerConfigProcessor(runtimeConfig, context.clock());
        registry.register(RequestCode.GET_BROKER_CONFIG, configProcessor::get);
        registry.register(RequestCode.UPDATE_BROKER_CONFIG, configProcessor::update);
        ClientAdminProcessor clientAdmin = new ClientAdminProcessor(config.brokerName(), clients, topics, offsets, store);
        registry.register(RequestCode.GET_PRODUCER_CONNECTION_LIST, clientAdmin::producerConnections);
        registry.register(RequestCode.INVOKE_BROKER_TO_RESET_OFFSET, clientAdmin::resetOffset);
        registry.register(RequestCode.INVOKE_BROKER_TO_GET_CONSUMER_STATUS, clientAdmin::consumerStatus);
        DelayOffsetProcessor delayOffsets = new DelayOffsetProcessor(() -> scheduleService);
        registry.register(RequestCode.GET_ALL_DELAY_OFFSET, delayOffsets::allDelayOffsets);
        registry.register(RequestCode.GET_BROKER_RUNTIME_INFO, admin::runtimeInfo);
        server.addChannelListener(new ChannelListener() {
            @Override
            public void onChannelClose(RemotingChannel channel, Throwable cause) {
                clientProcessor.onChannelClosed(channel);
            }
        });
    }

    private void saveOffsetsIfChanged() {
        if (offsets.version() != savedOffsetVersion) {
            savedOffsetVersion = offsets.version();
            offsetPersister.requestSave();
        }
    }

    private void scanClients() {
        long expiryMs = runtimeConfig.current().channelExpiredTimeoutMs();
        for (RemotingChannel silent : clients.expired(context.clock().monotonicMs(), expiryMs)) {
            LOG.info("closing client channel {}: silent for over {} ms", silent, expiryMs);
            clients.onChannelClosed(silent.id());
            silent.close();
        }
        locks.purgeExpired(context.clock().monotonicMs());
    }

    /**
     * Answers held pulls, unregisters from the nameservers, stops serving, saves offsets and
     * configuration, and shuts the store down (flush, checkpoint, no abort marker). Call on the loop;
     * idempotent; completes on the loop.
     */
    public CompletableFuture<Void> shutdown() {
        assert context.scheduler().inLoop() : "shutdown off the loop";
        if (shutdown != null) {
            return shutdown;
        }
        if (!started || store == null) {
            server.close();
            nameServerClient.close();
            shutdown = CompletableFuture.completedFuture(null);
            return shutdown;
        }
        timers.forEach(Cancellable::cancel);
        transactionCheck.stop();
        if (haServer != null) {
            haServer.close();
        }
        if (haClient != null) {
            haClient.stop();
        }
        if (slaveSync != null) {
            slaveSync.stop();
        }
        longPolling.stop();
        shutdown = registrar.shutdown()
                .thenCompose(ignored -> {
                    server.close();
                    nameServerClient.close();
                    return CompletableFuture.allOf(offsetPersister.requestSave(), topicPersister.requestSave(),
                            groupPersister.requestSave(), scheduleService.shutdown());
                })
                .thenCompose(ignored -> store.shutdown())
                .whenComplete((ignored, failure) -> {
                    if (failure != null) {
                        LOG.error("broker {} shutdown failed", context.nodeId(), failure);
                    } else {
                        LOG.info("broker {} shut down", context.nodeId());
                    }
                });
        return shutdown;
    }

    /** The advertised address; null before {@link #start()}. */
    public String address() {
        return address;
    }

    /** The settings the broker started with. */
    public BrokerConfig config() {
        return config;
    }

    /** The settings as UPDATE_BROKER_CONFIG left them. Use on the loop only. */
    public RuntimeBrokerConfig runtimeConfig() {
        return runtimeConfig;
    }

    /** The store, for tests and in-process tools. Use on the loop only. */
    public MessageStore store() {
        return store;
    }

    /** The topic table, for tests and in-process tools. Use on the loop only. */
    public TopicConfigTable topics() {
        return topics;
    }

    /** Committed consumer offsets, for tests and in-process tools. Use on the loop only. */
    public ConsumerOffsetTable consumerOffsets() {
        return offsets;
    }

    /** The client manager, for tests and in-process tools. Use on the loop only. */
    public ClientManager clients() {
        return clients;
    }

    /** Held pulls, for tests. Use on the loop only. */
    public LongPollingService longPolling() {
        return longPolling;
    }

    /** The delayed-message service, for tests. Use on the loop only. */
    public ScheduleMessageService scheduleService() {
        return scheduleService;
    }

    /** The advertised HA listener address of a master ({@code brokerIP1:haPort}); null on a slave or before start. */
    public String haAddress() {
        return haAddress;
    }

    /** The master's HA server (null on a slave), for tests and diagnostics. Use on the loop only. */
    public HaServer haServer() {
        return haServer;
    }

    /** The slave's HA client (null on a master), for tests and diagnostics. Use on the loop only. */
    public HaClient haClient() {
        return haClient;
    }

    /** The slave's metadata copier (null on a master). Use on the loop only. */
    public SlaveSynchronizer slaveSynchronizer() {
        return slaveSync;
    }

    /** Registrations accepted by nameservers so far. */
    public long successfulRegistrations() {
        return registrar.successfulRegistrations();
    }
}
