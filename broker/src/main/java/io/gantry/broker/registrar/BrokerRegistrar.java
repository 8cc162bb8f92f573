package io.gantry.broker.registrar;

import io.gantry.broker.config.BrokerConfig;
import io.gantry.protocol.body.RegisterBrokerBody;
import io.gantry.protocol.body.RemotingJson;
import io.gantry.protocol.body.TopicConfigSerializeWrapper;
import io.gantry.protocol.header.RegisterBrokerRequestHeader;
import io.gantry.protocol.header.RegisterBrokerResponseHeader;
import io.gantry.protocol.header.UnregisterBrokerRequestHeader;
import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.protocol.remoting.RequestCode;
import io.gantry.protocol.remoting.ResponseCode;
import io.gantry.protocol.rpc.RpcClient;
import io.gantry.runtime.Cancellable;
import io.gantry.runtime.Scheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the broker registered with every nameserver: REGISTER_BROKER (version 409, body
 * {@code RegisterBrokerBody} with the topic table and its DataVersion) to each one at start, every
 * registration period, and whenever {@link #registerNow()} is asked (a topic was created); and
 * UNREGISTER_BROKER to each at shutdown. Nameservers are independent: a failure with one is logged
 * and the next period tries again. Lives on the broker's loop.
 */
public final class BrokerRegistrar {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerRegistrar.class);

    private final Scheduler scheduler;
    private final BrokerConfig config;
    private final RpcClient client;
    private final Supplier<TopicConfigSerializeWrapper> topics;
    private String brokerAddr;
    private String haServerAddr;
    private java.util.function.Consumer<RegisterBrokerResponseHeader> masterListener = header -> { };
    private Cancellable timer;
    private long successfulRegistrations;
    private CompletableFuture<Void> inFlight;
    private boolean again;

    public BrokerRegistrar(Scheduler scheduler, BrokerConfig config, RpcClient client,
                           Supplier<TopicConfigSerializeWrapper> topics) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.config = Objects.requireNonNull(config, "config");
        this.client = Objects.requireNonNull(client, "client");
        this.topics = Objects.requireNonNull(topics, "topics");
    }

    /** Registers now and every period after, as {@code brokerAddr}. Returns the first round's future. */
    public CompletableFuture<Void> start(String advertisedAddr) {
        assert scheduler.inLoop();
        this.brokerAddr = Objects.requireNonNull(advertisedAddr, "advertisedAddr");
        long period = config.effectiveRegisterPeriodMs();
        timer = scheduler.schedulePeriodic(period, period, this::registerNow);
        return registerNow();
    }

    /**
     * One registration round with every nameserver; completes when all have answered or failed. Asked
     * during a round, it runs one more round after it (with the table as it is then), so a burst of
     * topic creations costs two rounds, not one per topic.
     */
    public CompletableFuture<Void> registerNow() {
        if (brokerAddr == null) {
            return CompletableFuture.completedFuture(null);
        }
        if (inFlight != null) {
            again = true;
            return inFlight;
        }
        CompletableFuture<Void> round = oneRound();
        inFlight = round;
        round.whenComplete((ignored, failure) -> {
            inFlight = null;
            if (again) {
                again = false;
                registerNow();
            }
        });
        return round;
    }

    private CompletableFuture<Void> oneRound() {
        byte[] body = RemotingJson.encode(new RegisterBrokerBody(topics.get(), List.of()));
        List<CompletableFuture<?>> rounds = new ArrayList<>();
        for (String nameServer : config.nameServerAddresses()) {
            RemotingCommand request = RemotingCommand.request(RequestCode.REGISTER_BROKER)
                    .header(new RegisterBrokerRequestHeader(config.brokerName(), brokerAddr, config.brokerClusterName(),
                            haAddress(), config.brokerId(), false, crc32(body), null, null))
                    .body(body)
                    .build();
            rounds.add(client.invoke(nameServer, request, config.registerBrokerTimeoutMills())
                    .handle((response, failure) -> {
                        if (failure != null) {
                            LOG.warn("register to nameserver {} failed: {}", nameServer, failure.toString());
                        } else if (response.code() != ResponseCode.SUCCESS) {
                            LOG.warn("nameserver {} refused the registration: {} {}", nameServer, response.code(),
                                    response.remark());
                        } else {
                            successfulRegistrations++;
                            if (config.brokerId() != 0) {
                                masterListener.accept(response.decodeHeader(RegisterBrokerResponseHeader.class));
                            }
                        }
                        return null;
                    }));
        }
        return CompletableFuture.allOf(rounds.toArray(CompletableFuture[]::new));
    }

    /** Stops the period and unregisters from every nameserver; completes when all answered or failed. */
    public CompletableFuture<Void> shutdown() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        if (brokerAddr == null) {
            return CompletableFuture.completedFuture(null);
        }
        List<CompletableFuture<?>> rounds = new ArrayList<>();
        for (String nameServer : config.nameServerAddresses()) {
            RemotingCommand request = RemotingCommand.request(RequestCode.UNREGISTER_BROKER)
                    .header(new UnregisterBrokerRequestHeader(config.brokerName(), brokerAddr,
                            config.brokerClusterName(), config.brokerId()))
                    .build();
            rounds.add(client.invoke(nameServer, request, config.registerBrokerTimeoutMills())
                    .handle((response, failure) -> null));
        }
        return CompletableFuture.allOf(rounds.toArray(CompletableFuture[]::new));
    }

    /** The HA listener's bound address to advertise; by default the broker port + 1. Call before {@link #start}. */
    public void setHaServerAddr(String address) {
        this.haServerAddr = address;
    }

    /** Told, on a slave, each accepted registration's answer: the master's address and HA address, if alive. */
    public void setMasterListener(java.util.function.Consumer<RegisterBrokerResponseHeader> listener) {
        this.masterListener = Objects.requireNonNull(listener, "listener");
    }

    /** Registrations nameservers accepted, for tests and diagnostics. */
    public long successfulRegistrations() {
        return successfulRegistrations;
    }

    private String haAddress() {
        if (haServerAddr != null) {
            return haServerAddr;
        }
        int colon = brokerAddr.lastIndexOf(':');
        int port = Integer.parseInt(brokerAddr.substring(colon + 1));
        return brokerAddr.substring(0, colon) + ":" + (port + 1);
    }

    private static int crc32(byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(body);
        return (int) (crc.getValue() & 0x7FFFFFFFL);
    }
}
