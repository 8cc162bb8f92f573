package io.gantry.broker.processor;

import io.gantry.broker.schedule.ScheduleMessageService;
import io.gantry.protocol.body.RemotingJson;
import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.protocol.remoting.ResponseCode;
import io.gantry.protocol.rpc.RemotingChannel;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * GET_ALL_DELAY_OFFSET (45): the delayed-message progress, {@code {"offsetTable":{level:offset,...}}},
 * the same JSON as delayOffset.json (a slave copies it to resume delivery where the master was).
 */
public final class DelayOffsetProcessor {

    private final Supplier<ScheduleMessageService> schedule;

    /** {@code schedule} is read at each request: the service is built when the broker starts. */
    public DelayOffsetProcessor(Supplier<ScheduleMessageService> schedule) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
    }

    public CompletableFuture<RemotingCommand> allDelayOffsets(RemotingChannel channel, RemotingCommand request) {
        return Responses.done(RemotingCommand.response(ResponseCode.SUCCESS)
                .body(RemotingJson.encode(schedule.get().snapshot())).build());
    }
}
