package io.gantry.runtime.prod;

import io.gantry.runtime.Connection;
import io.gantry.runtime.ConnectionHandler;
import io.gantry.runtime.Listener;
import io.gantry.runtime.Network;
import io.gantry.runtime.Scheduler;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's TCP network on Netty: length-prefixed frames (4-byte big-endian length, then the
 * frame), TCP_NODELAY, I/O threads from a shared {@link NettyTransport}, and every handler
 * callback and future completion handed over to the node's {@link Scheduler} loop.
 *
 * <p>Inbound frames are copied into heap buffers owned by the handler; a length that is negative
 * or above {@link #maxFrameBytes()} closes the connection (see {@link FrameDecoder}). Outbound
 * buffering above {@link #WRITE_HIGH_WATER_BYTES} makes {@link Connection#isWritable()} false.
 *
 * <p>Closing the network closes its listeners and connections (their onClose still goes to the
 * loop if it is running) but not the shared transport.
 *
 * <p>Does not guarantee: anything the {@link Network} contract does not; inbound flow control
 * (frames are read as fast as they arrive and queued on the loop).
 */
public final class NettyNetwork implements Network, AutoCloseable {

    /** Default limit on establishing an outgoing connection. */
    public static final int DEFAULT_CONNECT_TIMEOUT_MS = 3_000;

    /** Outbound bytes queued per connection above which it reports not writable. */
    public static final int WRITE_HIGH_WATER_BYTES = 4 * 1024 * 1024;

    /** Outbound bytes queued per connection below which it reports writable again. */
    public static final int WRITE_LOW_WATER_BYTES = 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(NettyNetwork.class);
    private static final long BIND_TIMEOUT_MS = 5_000;
    private static final long CLOSE_WAIT_MS = 2_000;
    private static final int ACCEPT_BACKLOG = 1024;

    private final Scheduler scheduler;
    private final NettyTransport transport;
    private final int maxFrameBytes;
    private final int connectTimeoutMs;
    private final AtomicLong nextConnectionId = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Set<Channel> channels = ConcurrentHashMap.newKeySet();
    private final Set<NettyListener> listeners = ConcurrentHashMap.newKeySet();

    public NettyNetwork(Scheduler scheduler, NettyTransport transport) {
        this(scheduler, transport, DEFAULT_MAX_FRAME_BYTES, DEFAULT_CONNECT_TIMEOUT_MS);
    }

    public NettyNetwork(Scheduler scheduler, NettyTransport transport, int maxFrameBytes) {
        this(scheduler, transport, maxFrameBytes, DEFAULT_CONNECT_TIMEOUT_MS);
    }

    public NettyNetwork(Scheduler scheduler, NettyTransport transport, int maxFrameBytes, int connectTimeoutMs) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.transport = Objects.requireNonNull(transport, "transport");
        if (maxFrameBytes < 0 || maxFrameBytes > Integer.MAX_VALUE - FrameDecoder.LENGTH_FIELD_BYTES) {
            throw new IllegalArgumentException("maxFrameBytes out of range: " + maxFrameBytes);
        }
        if (connectTimeoutMs <= 0) {
            throw new IllegalArgumentException("connectTimeoutMs must be positive: " + connectTimeoutMs);
        }
        this.maxFrameBytes = maxFrameBytes;
        this.connectTimeoutMs = connectTimeoutMs;
    }

    @Override
    public Listener listen(String address, ConnectionHandler handler) throws IOException {
        Objects.requireNonNull(handler, "handler");
        if (closed.get()) {
            throw new IOException("network is closed");
        }
        InetSocketAddress bindAddress = parse(address, true);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(transport.group())
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, ACCEPT_BACKLOG)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(WRITE_LOW_WATER_BYTES, WRITE_HIGH_WATER_BYTES))
                .childHandler(initializer(handler, null));
        ChannelFuture bound = bootstrap.bind(bindAddress);
        if (!bound.awaitUninterruptibly(BIND_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
            bound.channel().close();
            throw new IOException("timed out binding " + address);
        }
        if (!bound.isSuccess()) {
            throw new IOException("cannot listen on " + address + ": " + bound.cause(), bound.cause());
        }
        Channel serverChannel = bound.channel();
        NettyListener listener = new NettyListener(serverChannel, format(serverChannel.localAddress()));
        listeners.add(listener);
        serverChannel.closeFuture().addListener(f -> listeners.remove(listener));
        if (closed.get()) {
            // close() ran while binding and could not see this listener.
            listener.close();
            throw new IOException("network is closed");
        }
        LOG.info("listening on {}", listener.address());
        return listener;
    }

    @Override
    public CompletableFuture<Connection> connect(String address, ConnectionHandler handler) {
        Objects.requireNonNull(handler, "handler");
        CompletableFuture<Connection> future = new CompletableFuture<>();
        InetSocketAddress remote;
        try {
            if (closed.get()) {
                throw new IOException("network is closed");
            }
            // Unresolved: Netty resolves the name on its I/O thread, not on the node's loop.
            remote = parse(address, false);
            if (remote.getPort() == 0) {
                throw new IllegalArgumentException("cannot connect to port 0: " + address);
            }
        } catch (IOException | IllegalArgumentException e) {
            scheduler.execute(() -> future.completeExceptionally(e));
            return future;
        }
        Bootstrap bootstrap = new Bootstrap()
                .group(transport.group())
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMs)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(WRITE_LOW_WATER_BYTES, WRITE_HIGH_WATER_BYTES))
                .handler(initializer(handler, future));
        bootstrap.connect(remote).addListener(connected -> {
            if (!connected.isSuccess()) {
                Throwable cause = connected.cause();
                scheduler.execute(() -> future.completeExceptionally(cause));
            }
        });
        return future;
    }

    @Override
    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    /**
     * Closes every listener and connection of this network and waits a bounded time for them.
     * Idempotent. Leaves the transport running.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<ChannelFuture> closing = new ArrayList<>();
        for (NettyListener listener : listeners) {
            closing.add(listener.channel().close());
        }
        for (Channel channel : channels) {
            closing.add(channel.close());
        }
        long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MS);
        for (ChannelFuture future : closing) {
            if (future.channel().eventLoop().inEventLoop()) {
                continue;
            }
            long leftNs = deadlineNs - System.nanoTime();
            if (leftNs <= 0 || !future.awaitUninterruptibly(leftNs, TimeUnit.NANOSECONDS)) {
                LOG.warn("channels still closing {} ms after network close", CLOSE_WAIT_MS);
                break;
            }
        }
    }

    Scheduler scheduler() {
        return scheduler;
    }

    /** Called on the channel's I/O thread when it becomes active. */
    NettyConnection newConnection(Channel channel) {
        NettyConnection connection = new NettyConnection(nextConnectionId.incrementAndGet(), channel, maxFrameBytes,
                format(channel.localAddress()), format(channel.remoteAddress()));
        if (closed.get()) {
            // Opened after close(): the close after onOpen still goes through the normal path.
            channel.close();
        }
        return connection;
    }

    private ChannelInitializer<Channel> initializer(ConnectionHandler handler, CompletableFuture<Connection> connectFuture) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel channel) {
                channels.add(channel);
                channel.closeFuture().addListener(f -> channels.remove(channel));
                channel.pipeline().addLast("frames", new FrameDecoder(maxFrameBytes));
                channel.pipeline().addLast("bridge", new ConnectionBridge(NettyNetwork.this, handler, connectFuture));
            }
        };
    }

    /** Parses {@code host:port} or {@code [ipv6]:port}, resolving the host now if {@code resolve}. */
    static InetSocketAddress parse(String address, boolean resolve) {
        Objects.requireNonNull(address, "address");
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            throw new IllegalArgumentException("expected host:port, got '" + address + "'");
        }
        String host = address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in '" + address + "'", e);
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range in '" + address + "'");
        }
        return resolve ? new InetSocketAddress(host, port) : InetSocketAddress.createUnresolved(host, port);
    }

    /** Formats a socket address as {@code ip:port} (IPv6 in brackets). */
    static String format(SocketAddress address) {
        if (!(address instanceof InetSocketAddress)) {
            return String.valueOf(address);
        }
        InetSocketAddress inet = (InetSocketAddress) address;
        String host = inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + inet.getPort();
    }

    /** A bound server channel. Closing it leaves accepted connections open. */
    private static final class NettyListener implements Listener {
        private final Channel channel;
        private final String address;

        NettyListener(Channel channel, String address) {
            this.channel = channel;
            this.address = address;
        }

        Channel channel() {
            return channel;
        }

        @Override
        public String address() {
            return address;
        }

        @Override
        public void close() {
            ChannelFuture closing = channel.close();
            if (!channel.eventLoop().inEventLoop()) {
                closing.awaitUninterruptibly(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS);
            }
        }

        @Override
        public String toString() {
            return "listener[" + address + "]";
        }
    }
}
