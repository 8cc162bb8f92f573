package io.gantry.simulation.rpc;

import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.protocol.remoting.ResponseCode;
import io.gantry.protocol.rpc.RpcException;
import io.gantry.simulation.SimNode;
import io.gantry.simulation.SimWorld;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** Helpers for driving the RPC layer from a simulation test: everything runs on a node's loop. */
final class SimRpc {

    /** Request code the test servers echo: the response carries extField "v" back as "echo". */
    static final int ECHO = 9_001;
    /** Request code the test servers accept and never answer. */
    static final int SILENT = 9_002;

    private SimRpc() {
    }

    /** Runs {@code action} as an event on {@code node}'s loop and returns its result. */
    static <T> T onLoop(SimWorld world, SimNode node, Supplier<T> action) {
        CompletableFuture<T> result = new CompletableFuture<>();
        node.context().scheduler().execute(() -> result.complete(action.get()));
        if (!world.runUntil(result::isDone, 1_000)) {
            throw new AssertionError("the loop task did not run on " + node.id());
        }
        return result.join();
    }

    static RemotingCommand echoRequest(String value) {
        return RemotingCommand.request(ECHO).extField("v", value).build();
    }

    static CompletableFuture<RemotingCommand> echo(RemotingCommand request) {
        return CompletableFuture.completedFuture(
                RemotingCommand.response(ResponseCode.SUCCESS).extField("echo", request.extField("v")).build());
    }

    /** The RpcException a completed future failed with; AssertionError if it did not fail that way. */
    static RpcException failureOf(CompletableFuture<?> future) {
        if (!future.isCompletedExceptionally()) {
            throw new AssertionError("expected a failed future, got " + future);
        }
        try {
            future.join();
        } catch (RuntimeException e) {
            RpcException rpc = RpcException.find(e);
            if (rpc != null) {
                return rpc;
            }
            throw new AssertionError("not an RpcException", e);
        }
        throw new AssertionError("unreachable");
    }
}
