package io.gantry.protocol.rpc;

import io.gantry.protocol.remoting.ProtocolException;
import io.gantry.protocol.remoting.RemotingCodec;
import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.protocol.remoting.ResponseCode;
import io.gantry.runtime.Cancellable;
import io.gantry.runtime.Connection;
import io.gantry.runtime.Scheduler;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One remoting connection seen as an RPC channel. Both ends are alike: each can send requests
 * (and correlate their responses by opaque) and receive requests (dispatched to the owner's
 * {@link ProcessorRegistry}).
 *
 * <p>Every method must be called on the node's loop, and every future it returns completes on
 * the loop. Failures are {@link RpcException}s: definite when nothing was sent, indeterminate when
 * the request left and no response came back (timeout, connection closed). When the connection
 * closes, every pending request fails at once. A response with an unknown opaque (typically one
 * arriving after its request timed out) is logged and dropped. A frame that does not decode
 * closes the connection.
 *
 * <p>Does not guarantee: that a request was or was not processed after an indeterminate failure;
 * that a peer answers at all (that is what timeouts are for); ordering between the processing of
 * different requests (processors may answer out of order).
 */
public final class RemotingChannel {

    private static final Logger LOG = LoggerFactory.getLogger(RemotingChannel.class);

    private final Connection connection;
    private final ChannelTable owner;
    private final Scheduler scheduler;
    private final Map<Integer, PendingRequest> pending = new HashMap<>();
    private boolean closed;

    RemotingChannel(Connection connection, ChannelTable owner) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.owner = owner;
        this.scheduler = owner.scheduler();
    }

    /** The connection's id, unique within the node's lifetime. */
    public long id() {
        return connection.id();
    }

    public String localAddress() {
        return connection.localAddress();
    }

    public String remoteAddress() {
        return connection.remoteAddress();
    }

    /** False once the connection closed (by either end) or {@link #close()} was called. */
    public boolean isOpen() {
        return !closed && connection.isOpen();
    }

    /** Requests sent on this channel still awaiting their response. */
    public int pendingRequestCount() {
        assert scheduler.inLoop();
        return pending.size();
    }

    /**
     * Sends {@code request} with a fresh opaque and completes with its response, whatever the
     * response code (an error code is a response, not a failure). Fails with
     * {@link RpcTimeoutException} after {@code timeoutMs}, {@link RpcConnectionClosedException} if
     * the connection closes first (both indeterminate), or a {@link RpcDefiniteException} if it
     * could not be sent.
     *
     * @throws IllegalArgumentException if {@code timeoutMs <= 0} or {@code request} is a response or oneway
     */
    public CompletableFuture<RemotingCommand> invoke(RemotingCommand request, long timeoutMs) {
        assert scheduler.inLoop() : "invoke off the loop";
        if (timeoutMs <= 0) {
            throw new IllegalArgumentException("timeoutMs must be > 0: " + timeoutMs);
        }
        if (request.isResponse() || request.isOneway()) {
            throw new IllegalArgumentException("invoke needs a two-way request: " + request);
        }
        if (!isOpen()) {
            return CompletableFuture.failedFuture(new RpcRejectedException(remoteAddress(), "channel is closed"));
        }
        if (pending.size() >= owner.config().maxPendingRequestsPerChannel()) {
            return CompletableFuture.failedFuture(new RpcRejectedException(remoteAddress(),
                    "too many pending requests on the channel (" + pending.size() + ")"));
        }
        int opaque = freshOpaque();
        RemotingCommand addressed = request.withOpaque(opaque);
        ByteBuffer frame;
        try {
            frame = encode(addressed);
        } catch (RpcException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<RemotingCommand> future = new CompletableFuture<>();
        Cancellable timer = scheduler.schedule(timeoutMs, () -> timeOut(opaque, addressed.code(), timeoutMs));
        pending.put(opaque, new PendingRequest(future, timer));
        connection.send(frame);
        return future;
    }

    /**
     * Sends {@code request} with the oneway flag and a fresh opaque; no response is expected. The
     * future completes when the frame is handed to the network (which does not mean it arrives),
     * or fails with a {@link RpcDefiniteException} if it could not be sent.
     */
    public CompletableFuture<Void> invokeOneway(RemotingCommand request) {
        assert scheduler.inLoop() : "invokeOneway off the loop";
        if (request.isResponse()) {
            throw new IllegalArgumentException("invokeOneway needs a request: " + request);
        }
        if (!isOpen()) {
            return CompletableFuture.failedFuture(new RpcRejectedException(remoteAddress(), "channel is closed"));
        }
        RemotingCommand addressed = request.toBuilder()
                .opaque(freshOpaque())
                .flag(request.flag() | RemotingCommand.FLAG_ONEWAY)
                .build();
        try {
            connection.send(encode(addressed));
        } catch (RpcException e) {
            return CompletableFuture.failedFuture(e);
        }
        return CompletableFuture.completedFuture(null);
    }

    /** Closes the connection; pending requests fail with {@link RpcConnectionClosedException}. Idempotent. */
    public void close() {
        assert scheduler.inLoop() : "close off the loop";
        if (closed) {
            return;
        }
        // Fail pending requests now rather than when the close event arrives, so that callers
        // see the failure in the same turn as the close they caused.
        closed = true;
        failAllPending(null, "channel closed locally");
        connection.close();
    }

    /** The connection underneath, for logs and for tests that inject faults. */
    public Connection connection() {
        return connection;
    }

    @Override
    public String toString() {
        return "channel#" + connection.id() + "[" + connection.localAddress() + " -> " + connection.remoteAddress() + "]";
    }

    void onFrame(ByteBuffer frame) {
        if (closed) {
            return; // closed locally; the connection's close event is on its way
        }
        RemotingCommand command;
        try {
            command = RemotingCodec.decode(frame);
        } catch (ProtocolException e) {
            LOG.warn("{}: closing: undecodable frame of {} bytes: {}", this, frame.remaining(), e.getMessage());
            close();
            return;
        }
        if (command.isResponse()) {
            completePending(command);
        } else {
            owner.dispatcher().dispatch(this, command);
        }
    }

    void onClosed(Throwable cause) {
        closed = true;
        failAllPending(cause, cause == null ? "connection closed" : "connection closed: " + cause);
    }

    /** Sends a response prepared by the dispatcher; dropped if the channel has closed meanwhile. */
    void sendResponse(RemotingCommand response) {
        assert response.isResponse();
        if (!isOpen()) {
            LOG.debug("{}: dropping response {} (opaque {}): channel closed", this, response.code(), response.opaque());
            return;
        }
        ByteBuffer frame;
        try {
            frame = encode(response);
        } catch (RpcException e) {
            LOG.warn("{}: response code {} for opaque {} cannot be sent ({}); answering SYSTEM_ERROR instead",
                    this, response.code(), response.opaque(), e.getMessage());
            frame = RemotingCodec.encode(RemotingCommand.response(ResponseCode.SYSTEM_ERROR)
                    .opaque(response.opaque())
                    .serializeType(response.serializeType())
                    .remark("response cannot be sent: " + e.getMessage())
                    .build());
        }
        connection.send(frame);
    }

    private ByteBuffer encode(RemotingCommand command) {
        ByteBuffer frame;
        try {
            frame = RemotingCodec.encode(command);
        } catch (IllegalArgumentException e) {
            throw new RpcRejectedException(remoteAddress(), "command cannot be encoded: " + e.getMessage(), e);
        }
        int maxFrameBytes = owner.maxFrameBytes();
        if (frame.remaining() > maxFrameBytes) {
            throw new RpcFrameTooLargeException(remoteAddress(), frame.remaining(), maxFrameBytes);
        }
        return frame;
    }

    private int freshOpaque() {
        int opaque = owner.nextOpaque();
        // The pending limit is far below 2^32, so a free value turns up quickly even after wrap-around.
        while (pending.containsKey(opaque)) {
            opaque = owner.nextOpaque();
        }
        return opaque;
    }

    private void completePending(RemotingCommand response) {
        PendingRequest request = pending.remove(response.opaque());
        if (request == null) {
            LOG.info("{}: dropping response code {} with unknown opaque {} (timed out or never sent)",
                    this, response.code(), response.opaque());
            return;
        }
        request.timer().cancel();
        request.future().complete(response);
    }

    private void timeOut(int opaque, int requestCode, long timeoutMs) {
        PendingRequest request = pending.remove(opaque);
        if (request == null) {
            return;
        }
        request.future().completeExceptionally(new RpcTimeoutException(remoteAddress(),
                "no response to request code " + requestCode + " (opaque " + opaque + ") within " + timeoutMs + " ms",
                timeoutMs));
    }

    private void failAllPending(Throwable cause, String reason) {
        if (pending.isEmpty()) {
            return;
        }
        // Copy first: completing a future runs callers' code, which may touch this channel.
        List<PendingRequest> failed = new ArrayList<>(pending.values());
        pending.clear();
        for (PendingRequest request : failed) {
            request.timer().cancel();
        }
        for (PendingRequest request : failed) {
            request.future().completeExceptionally(new RpcConnectionClosedException(remoteAddress(), reason, cause));
        }
    }

    private record PendingRequest(CompletableFuture<RemotingCommand> future, Cancellable timer) {
    }
}
