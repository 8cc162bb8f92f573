package io.gantry.nameserver.route;

import io.gantry.protocol.body.BrokerData;
import io.gantry.protocol.body.ClusterInfo;
import io.gantry.protocol.body.DataVersion;
import io.gantry.protocol.body.QueueData;
import io.gantry.protocol.body.TopicConfig;
import io.gantry.protocol.body.TopicList;
import io.gantry.protocol.body.TopicRouteData;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nameserver's whole routing state and the rules that change it, as RocketMQ's nameserver
 * applies them: brokers register and re-register, leave on UNREGISTER_BROKER, on silence, or when
 * their connection closes; clients read topic routes and cluster info built from what is left.
 *
 * <p>Rules worth knowing:
 * <ul>
 *   <li>Only a master (broker id 0) brings topics, and only on its first registration or when the
 *       version of its topic table changed. Registration adds and updates topics; it never drops
 *       one the broker stopped listing (DELETE_TOPIC_IN_NAMESRV does that), as RocketMQ's default.</li>
 *   <li>When a broker group loses its last address, its queue data leave every topic, and topics
 *       left with no queue data are gone.</li>
 *   <li>Time is passed in ({@code nowMs}, the node's monotonic milliseconds), so the table itself
 *       is a plain value: tests and the simulation drive it directly.</li>
 * </ul>
 * Not thread-safe: used on the node's loop only.
 */
public final class RouteTable {

    private static final Logger LOG = LoggerFactory.getLogger(RouteTable.class);

    private final RouteLimits limits;
    private final BrokerRegistry registry = new BrokerRegistry();
    private final BrokerLiveTable live = new BrokerLiveTable();
    private final TopicQueueTable topics = new TopicQueueTable();

    public RouteTable(RouteLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * Applies a REGISTER_BROKER.
     *
     * @throws RouteTableFullException if it would add an address or topics beyond the limits;
     *                                 nothing is changed then
     */
    public RegisterResult register(BrokerRegistration registration, long nowMs) {
        BrokerAddrInfo key = registration.addrInfo();
        boolean firstRegistration = registry.isNewAddress(registration.brokerName(), registration.brokerId());
        BrokerLiveInfo previous = live.get(key);
        boolean versionChanged = previous == null || !previous.dataVersion().equals(registration.dataVersion());
        boolean takeTopics = registration.isMaster() && (firstRegistration || versionChanged);
        checkLimits(registration, firstRegistration, takeTopics);

        if (previous != null && !previous.brokerName().equals(registration.brokerName())) {
            // The process now serves another broker group: its address must leave the old one.
            removeAddress(previous.brokerName(), -1, registration.brokerAddr(), new RemovedBroker(
                    registration.clusterName(), previous.brokerName(), previous.brokerId(), registration.brokerAddr(),
                    previous.channelId(), RemovedBroker.Reason.REPLACED));
        }
        registry.add(registration.clusterName(), registration.brokerName(), registration.brokerId(),
                registration.brokerAddr());
        if (takeTopics) {
            for (TopicConfig config : registration.topicConfigs().values()) {
                if (topics.upsert(registration.brokerName(), config)) {
                    LOG.debug("topic {} queue data of {} set to {}", config.topicName(), registration.brokerName(), config);
                }
            }
        }
        live.put(key, new BrokerLiveInfo(registration.brokerName(), registration.brokerId(), nowMs,
                registration.timeoutMs(), registration.dataVersion(), registration.channelId(),
                registration.haServerAddr()));
        if (previous == null) {
            LOG.info("broker registered: cluster {}, {} id {} at {} (HA {}), {} topics, version {}",
                    registration.clusterName(), registration.brokerName(), registration.brokerId(),
                    registration.brokerAddr(), registration.haServerAddr(), registration.topicConfigs().size(),
                    registration.dataVersion());
        }
        return registration.isMaster() ? RegisterResult.NONE : masterOf(registration);
    }

    private void checkLimits(BrokerRegistration registration, boolean firstRegistration, boolean takeTopics) {
        if (firstRegistration && registry.addressCount() >= limits.maxBrokerAddrs()) {
            throw new RouteTableFullException("too many broker addresses registered (limit "
                    + limits.maxBrokerAddrs() + "); refusing " + registration.brokerAddr());
        }
        if (takeTopics) {
            int newTopics = topics.countNew(registration.topicConfigs().keySet());
            if (topics.size() + newTopics > limits.maxTopics()) {
                throw new RouteTableFullException("too many topics (limit " + limits.maxTopics() + "); "
                        + registration.brokerName() + " brings " + newTopics + " new ones");
            }
        }
    }

    private RegisterResult masterOf(BrokerRegistration slave) {
        String masterAddr = registry.masterAddr(slave.brokerName());
        if (masterAddr == null) {
            return RegisterResult.NONE;
        }
        BrokerLiveInfo master = live.get(new BrokerAddrInfo(slave.clusterName(), masterAddr));
        return master == null ? RegisterResult.NONE : new RegisterResult(masterAddr, master.haServerAddr());
    }

    /** Applies an UNREGISTER_BROKER; returns what left, or empty if that broker was not registered. */
    public Optional<RemovedBroker> unregister(String clusterName, String brokerName, String brokerAddr, long brokerId) {
        BrokerAddrInfo key = new BrokerAddrInfo(clusterName, brokerAddr);
        BrokerLiveInfo info = live.get(key);
        if (info != null && !info.brokerName().equals(brokerName)) {
            // That address is live as another broker group: this request is stale or wrong.
            info = null;
        }
        boolean knownAddress = !registry.isNewAddress(brokerName, brokerId)
                && brokerAddr.equals(registry.brokerData(brokerName).brokerAddrs().get(brokerId));
        if (info == null && !knownAddress) {
            return Optional.empty();
        }
        if (info != null) {
            live.remove(key);
        }
        long channelId = info == null ? BrokerLiveInfo.NO_CHANNEL : info.channelId();
        RemovedBroker removed = new RemovedBroker(clusterName, brokerName, brokerId, brokerAddr, channelId,
                RemovedBroker.Reason.UNREGISTERED);
        removeAddress(brokerName, brokerId, brokerAddr, removed);
        return Optional.of(removed);
    }

    /**
     * Drops every broker silent for longer than its timeout at {@code nowMs}. The caller closes
     * their connections.
     */
    public List<RemovedBroker> expire(long nowMs) {
        List<RemovedBroker> removed = new ArrayList<>();
        for (BrokerAddrInfo key : live.expired(nowMs)) {
            BrokerLiveInfo info = live.get(key);
            LOG.warn("broker {} ({} id {}) silent for {} ms, over its {} ms timeout: removing it",
                    key.brokerAddr(), info.brokerName(), info.brokerId(), nowMs - info.lastUpdateMs(), info.timeoutMs());
            removed.add(removeLive(key, RemovedBroker.Reason.EXPIRED));
        }
        return removed;
    }

    /** Drops every broker that registered over connection {@code channelId}, which has closed. */
    public List<RemovedBroker> onChannelClosed(long channelId) {
        List<RemovedBroker> removed = new ArrayList<>();
        for (BrokerAddrInfo key : live.registeredOver(channelId)) {
            removed.add(removeLive(key, RemovedBroker.Reason.CHANNEL_CLOSED));
        }
        return removed;
    }

    private RemovedBroker removeLive(BrokerAddrInfo key, RemovedBroker.Reason reason) {
        BrokerLiveInfo info = live.remove(key);
        assert info != null : "not live: " + key;
        RemovedBroker removed = new RemovedBroker(key.clusterName(), info.brokerName(), info.brokerId(),
                key.brokerAddr(), info.channelId(), reason);
        removeAddress(info.brokerName(), -1, key.brokerAddr(), removed);
        return removed;
    }

    private void removeAddress(String brokerName, long brokerId, String brokerAddr, RemovedBroker removed) {
        boolean groupGone = registry.remove(brokerName, brokerId, brokerAddr);
        List<String> goneTopics = groupGone ? topics.removeBroker(brokerName) : List.of();
        LOG.info("broker removed ({}): cluster {}, {} id {} at {}{}{}", removed.reason(), removed.clusterName(),
                brokerName, removed.brokerId(), brokerAddr,
                groupGone ? "; broker group " + brokerName + " is gone" : "",
                goneTopics.isEmpty() ? "" : "; topics gone: " + goneTopics);
    }

    /** The route of {@code topic}, or empty if no live broker group hosts it. */
    public Optional<TopicRouteData> route(String topic) {
        List<QueueData> queueDatas = topics.queueDatas(topic);
        if (queueDatas.isEmpty()) {
            return Optional.empty();
        }
        List<BrokerData> brokerDatas = new ArrayList<>();
        for (QueueData queueData : queueDatas) {
            BrokerData brokerData = registry.brokerData(queueData.brokerName());
            if (brokerData != null) {
                brokerDatas.add(brokerData);
            }
        }
        if (brokerDatas.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TopicRouteData(queueDatas, brokerDatas));
    }

    /** Every broker group by name, and broker names by cluster. */
    public ClusterInfo clusterInfo() {
        return new ClusterInfo(registry.allBrokerData(), registry.clusters());
    }

    /** Every topic with queue data, sorted. */
    public Set<String> allTopics() {
        return topics.topicNames();
    }

    /** Topics hosted by some broker group of {@code clusterName}, sorted; empty for an unknown cluster. */
    public Set<String> topicsOfCluster(String clusterName) {
        return topics.topicsOf(registry.brokerNamesOf(clusterName));
    }

    /** Topics with a queue data whose topicSysFlag passes {@code flagTest} (the unit-topic lists). */
    public Set<String> topicsWithSysFlag(IntPredicate flagTest) {
        return topics.topicsWithSysFlag(flagTest);
    }

    /**
     * What RocketMQ calls the system topic list: cluster names and broker names (each is also a
     * topic on its brokers), with one broker address to ask about them.
     */
    public TopicList systemTopicList() {
        Set<String> names = new LinkedHashSet<>();
        registry.clusters().forEach((cluster, brokerNames) -> {
            names.add(cluster);
            names.addAll(brokerNames);
        });
        String someAddr = null;
        for (BrokerData brokerData : registry.allBrokerData().values()) {
            someAddr = brokerData.brokerAddrs().values().iterator().next();
            break;
        }
        return new TopicList(names, someAddr);
    }

    /** Clears the write bit of {@code brokerName}'s queues on every topic; returns the topic count. */
    public int wipeWritePerm(String brokerName) {
        int count = topics.changeWritePerm(brokerName, true);
        LOG.info("write permission of {} wiped on {} topics", brokerName, count);
        return count;
    }

    /** Sets {@code brokerName}'s queues to read-write on every topic; returns the topic count. */
    public int addWritePerm(String brokerName) {
        int count = topics.changeWritePerm(brokerName, false);
        LOG.info("write permission of {} added on {} topics", brokerName, count);
        return count;
    }

    /**
     * Deletes a topic's routes: all of them when {@code clusterName} is null or empty, otherwise
     * only those of that cluster's broker groups. Returns true if anything was removed.
     */
    public boolean deleteTopic(String topic, String clusterName) {
        boolean removed = clusterName == null || clusterName.isEmpty()
                ? topics.deleteTopic(topic)
                : topics.deleteTopic(topic, registry.brokerNamesOf(clusterName));
        if (removed) {
            LOG.info("topic {} deleted{}", topic, clusterName == null || clusterName.isEmpty() ? "" : " from cluster " + clusterName);
        }
        return removed;
    }

    /**
     * True when the broker's topic table differs from what it last registered (or it is not live):
     * the question QUERY_DATA_VERSION asks.
     */
    public boolean isDataVersionChanged(String clusterName, String brokerAddr, DataVersion dataVersion) {
        BrokerLiveInfo info = live.get(new BrokerAddrInfo(clusterName, brokerAddr));
        return info == null || !info.dataVersion().equals(dataVersion);
    }

    /** Marks a live broker as heard from at {@code nowMs}; false if it is not live. */
    public boolean refresh(String clusterName, String brokerAddr, long nowMs) {
        return live.refresh(new BrokerAddrInfo(clusterName, brokerAddr), nowMs);
    }

    /** The live entry of a broker process, if it is live. */
    public Optional<BrokerLiveInfo> liveInfo(String clusterName, String brokerAddr) {
        return Optional.ofNullable(live.get(new BrokerAddrInfo(clusterName, brokerAddr)));
    }

    /** Number of live broker processes. */
    public int liveBrokerCount() {
        return live.size();
    }
}
