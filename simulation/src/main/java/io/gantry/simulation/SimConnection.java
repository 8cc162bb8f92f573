package io.gantry.simulation;

import io.gantry.runtime.Connection;
import io.gantry.runtime.ConnectionHandler;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * One end of a simulated connection. It sends through its outbound {@link SimPipe} and receives
 * what its peer's pipe delivers, on its own node's loop. The connecting end starts CONNECTING and
 * opens when the acceptor's OPEN item arrives, so it can never see a frame before its open.
 */
final class SimConnection implements Connection {

    enum State { CONNECTING, OPEN, CLOSED }

    private final SimNetwork network;
    private final SimEndpoint endpoint;
    private final long id;
    private final String localAddress;
    private final String remoteAddress;
    private final ConnectionHandler handler;
    /** Completed when a connecting end opens; null on the accepting end. */
    private final CompletableFuture<Connection> connectFuture;
    private SimConnection peer;
    private SimPipe out;
    private State state;
    private boolean closeNotified;

    SimConnection(SimNetwork network, SimEndpoint endpoint, long id, String localAddress, String remoteAddress,
            ConnectionHandler handler, CompletableFuture<Connection> connectFuture, State state) {
        this.network = network;
        this.endpoint = endpoint;
        this.id = id;
        this.localAddress = localAddress;
        this.remoteAddress = remoteAddress;
        this.handler = handler;
        this.connectFuture = connectFuture;
        this.state = state;
    }

    void link(SimConnection peer) {
        this.peer = peer;
        this.out = new SimPipe(network, this, peer);
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public String localAddress() {
        return localAddress;
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    @Override
    public void send(ByteBuffer frame) {
        network.world().checkThread();
        int length = frame.remaining();
        int max = network.world().config().maxFrameBytes();
        if (length > max) {
            throw new IllegalArgumentException("frame of " + length + " bytes exceeds maxFrameBytes " + max);
        }
        if (state != State.OPEN) {
            return;
        }
        byte[] copy = new byte[length];
        frame.duplicate().get(copy);
        out.enqueue(SimPipe.Kind.FRAME, copy, null);
    }

    @Override
    public void close() {
        network.world().checkThread();
        if (state == State.CLOSED) {
            return;
        }
        boolean wasOpen = state == State.OPEN;
        state = State.CLOSED;
        if (wasOpen) {
            out.enqueue(SimPipe.Kind.FIN, null, null);
        } else {
            out.enqueue(SimPipe.Kind.RST, null, new java.io.IOException("connection reset by peer"));
        }
        network.world().trace().record(TraceKinds.CONNECTION_CLOSED, id, 0);
        notifyClosedLater(null);
        network.forgetIfDead(this);
    }

    @Override
    public boolean isOpen() {
        return state == State.OPEN;
    }

    @Override
    public boolean isWritable() {
        return state == State.OPEN && out.queuedBytes() <= network.world().config().outboundLimitBytes();
    }

    boolean isClosed() {
        return state == State.CLOSED;
    }

    SimNode node() {
        return endpoint.node();
    }

    long incarnation() {
        return endpoint.incarnation();
    }

    SimEndpoint endpoint() {
        return endpoint;
    }

    SimConnection peer() {
        return peer;
    }

    SimPipe out() {
        return out;
    }

    /** The accepting end runs its handler's onOpen on its loop. */
    void accepted() {
        if (state == State.OPEN) {
            network.world().runUserCode(node(), () -> handler.onOpen(this));
        }
    }

    /** An item from the peer's pipe, on this end's loop. */
    void receive(SimPipe.Item item) {
        switch (item.kind()) {
            case OPEN -> {
                if (state != State.CONNECTING) {
                    return;
                }
                state = State.OPEN;
                network.world().trace().record(TraceKinds.CONNECTION_OPENED, id);
                network.world().runUserCode(node(), () -> handler.onOpen(this));
                network.world().runUserCode(node(), () -> connectFuture.complete(this));
            }
            case FRAME -> {
                if (state != State.OPEN) {
                    return;
                }
                byte[] bytes = item.bytes();
                network.world().trace().record(TraceKinds.FRAME_DELIVERED, id, bytes.length,
                        TraceHash.hashOf(bytes, 0, bytes.length));
                network.world().runUserCode(node(), () -> handler.onFrame(this, ByteBuffer.wrap(bytes)));
            }
            case FIN, RST -> {
                if (state == State.CLOSED) {
                    return;
                }
                state = State.CLOSED;
                out.clear();
                network.world().trace().record(TraceKinds.CONNECTION_CLOSED, id, item.kind().ordinal());
                network.forgetIfDead(this);
                notifyClosed(item.cause());
            }
            default -> throw new AssertionError(item.kind());
        }
    }

    /** Reset from the network (partition timeout, explicit reset): lost in-flight data, both ends told. */
    void resetLocally(Throwable cause) {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        out.clear();
        network.world().trace().record(TraceKinds.CONNECTION_CLOSED, id, 99);
        notifyClosedLater(cause);
    }

    /** The process died: no callbacks, the node code is gone. */
    void killSilently() {
        state = State.CLOSED;
        closeNotified = true;
    }

    private void notifyClosedLater(Throwable cause) {
        network.world().enqueue(network.world().nowNanos(), node(), incarnation(), () -> notifyClosed(cause));
    }

    private void notifyClosed(Throwable cause) {
        if (closeNotified) {
            return;
        }
        closeNotified = true;
        if (connectFuture != null && !connectFuture.isDone()) {
            Throwable failure = cause != null ? cause : new java.net.ConnectException("connection closed before open");
            network.world().runUserCode(node(), () -> connectFuture.completeExceptionally(failure));
            return;
        }
        network.world().runUserCode(node(), () -> handler.onClose(this, cause));
    }

    @Override
    public String toString() {
        return "SimConnection[" + id + " " + localAddress + " -> " + remoteAddress + " " + state + "]";
    }
}
