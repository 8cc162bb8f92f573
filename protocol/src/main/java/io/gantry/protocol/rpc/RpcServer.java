package io.gantry.protocol.rpc;

import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.runtime.Listener;
import io.gantry.runtime.NodeContext;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The accepting side of the RPC layer: listens on an address through the node's network, wraps
 * each accepted connection in a {@link RemotingChannel} that dispatches to this server's
 * {@link #processors()}, and tracks the open channels. It can also send requests to its clients
 * over their channels (NOTIFY_CONSUMER_IDS_CHANGED, CHECK_TRANSACTION_STATE).
 *
 * <p>Every method must be called on the node's loop. Register processors and listeners before
 * {@link #start}. Does not guarantee that a channel's remote address identifies a client (a
 * client may reconnect from another port); track clients by what they send.
 */
public final class RpcServer implements AutoCloseable {

    private final NodeContext context;
    private final ProcessorRegistry processors = new ProcessorRegistry();
    private final ChannelTable table;
    private Listener listener;
    private boolean closed;

    public RpcServer(NodeContext context, RpcConfig config) {
        this.context = Objects.requireNonNull(context, "context");
        this.table = new ChannelTable(context, Objects.requireNonNull(config, "config"), processors, true);
    }

    /** The processors for incoming requests, by code. */
    public ProcessorRegistry processors() {
        return processors;
    }

    /** Adds a hook run when a client's channel opens or closes. */
    public void addChannelListener(ChannelListener channelListener) {
        assert context.scheduler().inLoop();
        table.addListener(Objects.requireNonNull(channelListener, "channelListener"));
    }

    /**
     * Starts listening on {@code address}; returns the bound address (with the real port when 0
     * was asked for).
     */
    public String start(String address) throws IOException {
        assert context.scheduler().inLoop() : "start off the loop";
        if (listener != null || closed) {
            throw new IllegalStateException("server already started or closed");
        }
        listener = context.network().listen(address, table);
        return listener.address();
    }

    /** The bound address; null before {@link #start}. */
    public String address() {
        return listener == null ? null : listener.address();
    }

    /** The open channels, in the order they were accepted (a snapshot). */
    public List<RemotingChannel> channels() {
        assert context.scheduler().inLoop();
        return table.channels();
    }

    /** A server-initiated request to a client; see {@link RemotingChannel#invoke}. */
    public CompletableFuture<RemotingCommand> invoke(RemotingChannel channel, RemotingCommand request, long timeoutMs) {
        return channel.invoke(request, timeoutMs);
    }

    /** A server-initiated oneway request to a client; see {@link RemotingChannel#invokeOneway}. */
    public CompletableFuture<Void> invokeOneway(RemotingChannel channel, RemotingCommand request) {
        return channel.invokeOneway(request);
    }

    /** Stops accepting and closes every open channel (their pending requests fail). Idempotent. */
    @Override
    public void close() {
        assert context.scheduler().inLoop() : "close off the loop";
        if (closed) {
            return;
        }
        closed = true;
        if (listener != null) {
            listener.close();
        }
        for (RemotingChannel channel : table.channels()) {
            channel.close();
        }
    }
}
