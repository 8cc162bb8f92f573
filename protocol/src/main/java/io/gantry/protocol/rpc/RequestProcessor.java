package io.gantry.protocol.rpc;

import io.gantry.protocol.remoting.RemotingCommand;
import java.util.concurrent.CompletableFuture;

/**
 * Handles the incoming requests of one or more request codes, on the node's loop.
 *
 * <p>Returns the response to send, possibly later. The RPC layer sets the response's opaque, its
 * response flag and its serialize type from the request, so a processor may build it with
 * {@code RemotingCommand.response(code)}. A null future, or one completed with null, means "no
 * response" (what a oneway request needs; for a oneway request any response is dropped anyway).
 *
 * <p>The returned future must complete on the node's loop (a future from {@code Scheduler.offload}
 * or from another RPC does): the response is sent from whichever thread completes it.
 *
 * <p>Failures are answered for the processor: a {@link io.gantry.protocol.header.HeaderException}
 * (thrown or as the future's failure) with its response code and remark, anything else with
 * SYSTEM_ERROR. A processor never needs to catch to protect the connection.
 */
@FunctionalInterface
public interface RequestProcessor {

    CompletableFuture<RemotingCommand> process(RemotingChannel channel, RemotingCommand request) throws Exception;
}
