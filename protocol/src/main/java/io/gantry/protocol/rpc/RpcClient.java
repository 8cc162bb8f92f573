package io.gantry.protocol.rpc;

import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.runtime.Cancellable;
import io.gantry.runtime.Connection;
import io.gantry.runtime.NodeContext;
import io.gantry.runtime.Scheduler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connecting side of the RPC layer: one {@link RemotingChannel} per address, opened on the
 * first invoke and shared by every request to that address. A channel that closes is forgotten;
 * the next invoke reconnects. Requests the server sends back over a channel are dispatched to
 * this client's {@link #processors()}.
 *
 * <p>Failures (see {@link RpcException}): a connect that fails or does not finish within the
 * invoke's timeout is a definite {@link RpcConnectException}; after an invoke times out the
 * client closes that channel when {@link RpcConfig#closeChannelOnTimeout()} is set, which fails
 * the channel's other pending requests as indeterminate.
 *
 * <p>Every method must be called on the node's loop; every future completes on the loop, with
 * the raw {@link RpcException} (not wrapped) as its failure. Does not guarantee: delivery, at
 * most once or at least once processing after an indeterminate failure, or that two invokes to
 * one address are processed in the order sent (processors may answer out of order).
 */
public final class RpcClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RpcClient.class);

    private final NodeContext context;
    private final Scheduler scheduler;
    private final RpcConfig config;
    private final ProcessorRegistry processors = new ProcessorRegistry();
    private final ChannelTable table;
    private final Map<String, Slot> slots = new LinkedHashMap<>();
    private boolean closed;

    public RpcClient(NodeContext context, RpcConfig config) {
        this.context = Objects.requireNonNull(context, "context");
        this.scheduler = context.scheduler();
        this.config = Objects.requireNonNull(config, "config");
        this.table = new ChannelTable(context, config, processors, false);
        table.addListener(new ChannelListener() {
            @Override
            public void onChannelClose(RemotingChannel channel, Throwable cause) {
                slots.values().removeIf(slot -> slot.channel == channel);
            }
        });
    }

    /** The processors for requests the server sends to this client, by code. */
    public ProcessorRegistry processors() {
        return processors;
    }

    /** Adds a hook run when a channel to a server opens or closes. */
    public void addChannelListener(ChannelListener channelListener) {
        assert scheduler.inLoop();
        table.addListener(Objects.requireNonNull(channelListener, "channelListener"));
    }

    /**
     * Sends {@code request} to {@code address}, connecting first if needed, and completes with the
     * response (whatever its code). {@code timeoutMs} covers connecting and waiting for the response.
     *
     * @throws IllegalArgumentException if {@code timeoutMs <= 0} or {@code request} is not a two-way request
     */
    public CompletableFuture<RemotingCommand> invoke(String address, RemotingCommand request, long timeoutMs) {
        assert scheduler.inLoop() : "invoke off the loop";
        Objects.requireNonNull(address, "address");
        if (timeoutMs <= 0) {
            throw new IllegalArgumentException("timeoutMs must be > 0: " + timeoutMs);
        }
        if (request.isResponse() || request.isOneway()) {
            throw new IllegalArgumentException("invoke needs a two-way request: " + request);
        }
        CompletableFuture<RemotingCommand> result = new CompletableFuture<>();
        Slot slot;
        try {
            slot = slotFor(address);
        } catch (RpcException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (slot.channel != null) {
            invokeOn(slot.channel, request, timeoutMs, result);
            return result;
        }
        long deadlineNanos = context.clock().nanoTime() + timeoutMs * 1_000_000L;
        Cancellable connectTimer = scheduler.schedule(timeoutMs, () -> result.completeExceptionally(
                new RpcConnectException(address, "not connected within " + timeoutMs + " ms", null)));
        slot.ready.whenComplete((channel, failure) -> {
            connectTimer.cancel();
            if (result.isDone()) {
                return;
            }
            if (failure != null) {
                result.completeExceptionally(failure);
                return;
            }
            long remainingMs = Math.max(1, (deadlineNanos - context.clock().nanoTime() + 999_999) / 1_000_000L);
            invokeOn(channel, request, remainingMs, result);
        });
        return result;
    }

    /**
     * Sends {@code request} oneway to {@code address}, connecting first if needed. Completes when
     * the frame is handed to the network; fails only with a {@link RpcDefiniteException}.
     */
    public CompletableFuture<Void> invokeOneway(String address, RemotingCommand request) {
        assert scheduler.inLoop() : "invokeOneway off the loop";
        Objects.requireNonNull(address, "address");
        Slot slot;
        try {
            slot = slotFor(address);
        } catch (RpcException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Void> result = new CompletableFuture<>();
        slot.ready.whenComplete((channel, failure) -> {
            if (failure != null) {
                result.completeExceptionally(failure);
                return;
            }
            channel.invokeOneway(request).whenComplete((ignored, sendFailure) -> {
                if (sendFailure != null) {
                    result.completeExceptionally(sendFailure);
                } else {
                    result.complete(null);
                }
            });
        });
        return result;
    }

    /** The open channel to {@code address}, or null if there is none (yet). */
    public RemotingChannel channel(String address) {
        assert scheduler.inLoop();
        Slot slot = slots.get(address);
        return slot == null || slot.channel == null || !slot.channel.isOpen() ? null : slot.channel;
    }

    /** Closes every channel (their pending requests fail) and refuses further invokes. Idempotent. */
    @Override
    public void close() {
        assert scheduler.inLoop() : "close off the loop";
        if (closed) {
            return;
        }
        closed = true;
        for (Slot slot : Map.copyOf(slots).values()) {
            if (slot.channel != null) {
                slot.channel.close();
            }
        }
        slots.clear();
    }

    private void invokeOn(RemotingChannel channel, RemotingCommand request, long timeoutMs,
            CompletableFuture<RemotingCommand> result) {
        channel.invoke(request, timeoutMs).whenComplete((response, failure) -> {
            if (failure == null) {
                result.complete(response);
                return;
            }
            if (failure instanceof RpcTimeoutException && config.closeChannelOnTimeout() && channel.isOpen()) {
                LOG.info("{}: closing after a request timed out", channel);
                channel.close();
            }
            result.completeExceptionally(failure);
        });
    }

    /** The slot for {@code address}: connected, connecting, or a new connect started now. */
    private Slot slotFor(String address) {
        if (closed) {
            throw new RpcRejectedException(address, "client is closed");
        }
        Slot slot = slots.get(address);
        if (slot != null && slot.channel != null && !slot.channel.isOpen()) {
            slots.remove(address);
            slot = null;
        }
        if (slot != null) {
            return slot;
        }
        if (slots.size() >= config.maxChannels()) {
            throw new RpcRejectedException(address, "already connected to " + slots.size() + " addresses, the limit");
        }
        Slot fresh = new Slot();
        slots.put(address, fresh);
        CompletableFuture<Connection> connecting;
        try {
            connecting = context.network().connect(address, table);
        } catch (RuntimeException e) {
            slots.remove(address);
            throw new RpcConnectException(address, "connect failed: " + e.getMessage(), e);
        }
        connecting.whenComplete((connection, failure) -> connected(address, fresh, connection, failure));
        return fresh;
    }

    private void connected(String address, Slot slot, Connection connection, Throwable failure) {
        RemotingChannel channel = failure == null ? table.channelOf(connection) : null;
        if (channel == null || !channel.isOpen() || closed) {
            if (slots.get(address) == slot) {
                slots.remove(address);
            }
            if (connection != null) {
                connection.close();
            }
            RpcException reason = closed
                    ? new RpcRejectedException(address, "client is closed")
                    : new RpcConnectException(address, failure == null ? "connection closed while opening"
                            : "connect failed: " + failure, failure);
            slot.ready.completeExceptionally(reason);
            return;
        }
        slot.channel = channel;
        slot.ready.complete(channel);
    }

    /** One address's connection: connecting while {@code channel} is null. */
    private static final class Slot {
        final CompletableFuture<RemotingChannel> ready = new CompletableFuture<>();
        RemotingChannel channel;
    }
}
