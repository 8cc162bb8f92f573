package io.gantry.broker.processor;

import io.gantry.protocol.remoting.RemotingCommand;
import java.util.concurrent.CompletableFuture;

/** Small helpers to build the futures processors return. */
final class Responses {

    private Responses() {
    }

    static CompletableFuture<RemotingCommand> done(RemotingCommand response) {
        return CompletableFuture.completedFuture(response);
    }

    static CompletableFuture<RemotingCommand> error(int code, String remark) {
        return done(RemotingCommand.response(code).remark(remark).build());
    }
}
