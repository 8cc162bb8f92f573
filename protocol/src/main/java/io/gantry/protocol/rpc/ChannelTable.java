package io.gantry.protocol.rpc;

import io.gantry.runtime.Connection;
import io.gantry.runtime.ConnectionHandler;
import io.gantry.runtime.NodeContext;
import io.gantry.runtime.Scheduler;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open channels of one server or client, and the connection handler that feeds them: wraps
 * each opened connection in a {@link RemotingChannel}, routes frames to it, and tells the
 * {@link ChannelListener}s. Also holds what its channels share: the processors, the limits and
 * the opaque counter (opaques only need to be unique among one channel's pending requests).
 */
final class ChannelTable implements ConnectionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelTable.class);

    private final NodeContext context;
    private final RpcConfig config;
    private final RequestDispatcher dispatcher;
    private final Map<Long, RemotingChannel> open = new LinkedHashMap<>();
    private final List<ChannelListener> listeners = new ArrayList<>();
    private final boolean enforceChannelLimit;
    private int nextOpaque;

    ChannelTable(NodeContext context, RpcConfig config, ProcessorRegistry processors, boolean enforceChannelLimit) {
        this.context = context;
        this.config = config;
        this.dispatcher = new RequestDispatcher(processors);
        this.enforceChannelLimit = enforceChannelLimit;
    }

    Scheduler scheduler() {
        return context.scheduler();
    }

    RpcConfig config() {
        return config;
    }

    int maxFrameBytes() {
        return context.network().maxFrameBytes();
    }

    RequestDispatcher dispatcher() {
        return dispatcher;
    }

    int nextOpaque() {
        return nextOpaque++;
    }

    void addListener(ChannelListener listener) {
        listeners.add(listener);
    }

    /** The open channels in the order they opened (a snapshot). */
    List<RemotingChannel> channels() {
        List<RemotingChannel> snapshot = new ArrayList<>(open.size());
        for (RemotingChannel channel : open.values()) {
            if (channel.isOpen()) {
                snapshot.add(channel);
            }
        }
        return Collections.unmodifiableList(snapshot);
    }

    RemotingChannel channelOf(Connection connection) {
        return open.get(connection.id());
    }

    @Override
    public void onOpen(Connection connection) {
        assert context.scheduler().inLoop();
        if (enforceChannelLimit && open.size() >= config.maxChannels()) {
            LOG.warn("closing {} from {}: {} channels open, the limit", connection.id(), connection.remoteAddress(), open.size());
            connection.close();
            return;
        }
        RemotingChannel channel = new RemotingChannel(connection, this);
        open.put(connection.id(), channel);
        for (ChannelListener listener : List.copyOf(listeners)) {
            try {
                listener.onChannelOpen(channel);
            } catch (RuntimeException e) {
                LOG.warn("channel listener failed on open of {}", channel, e);
            }
        }
    }

    @Override
    public void onFrame(Connection connection, ByteBuffer frame) {
        RemotingChannel channel = open.get(connection.id());
        if (channel != null) {
            channel.onFrame(frame);
        }
    }

    @Override
    public void onClose(Connection connection, Throwable cause) {
        RemotingChannel channel = open.remove(connection.id());
        if (channel == null) {
            return;
        }
        channel.onClosed(cause);
        for (ChannelListener listener : List.copyOf(listeners)) {
            try {
                listener.onChannelClose(channel, cause);
            } catch (RuntimeException e) {
                LOG.warn("channel listener failed on close of {}", channel, e);
            }
        }
    }
}
