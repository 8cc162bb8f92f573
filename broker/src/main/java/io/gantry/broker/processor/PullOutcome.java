package io.gantry.broker.processor;

import io.gantry.protocol.remoting.ResponseCode;
import io.gantry.store.GetMessageResult;

/**
 * The response code and next offset a master answers for a store read, per the reference table:
 * FOUND 0; NO_MATCHED_MESSAGE and MESSAGE_WAS_REMOVING 20; an empty or unknown queue 19 at offset 0
 * else 21 from 0; OFFSET_TOO_SMALL 21 (to min); OFFSET_OVERFLOW_ONE 19; OFFSET_OVERFLOW_BADLY 21 (to
 * max); OFFSET_FOUND_NULL 19.
 */
record PullOutcome(int code, long nextBeginOffset) {

    static PullOutcome of(GetMessageResult result, long requestOffset) {
        return switch (result.status()) {
            case FOUND -> new PullOutcome(ResponseCode.SUCCESS, result.nextBeginOffset());
            case NO_MATCHED_MESSAGE, MESSAGE_WAS_REMOVING ->
                    new PullOutcome(ResponseCode.PULL_RETRY_IMMEDIATELY, result.nextBeginOffset());
            case NO_MESSAGE_IN_QUEUE, NO_MATCHED_LOGIC_QUEUE -> requestOffset == 0
                    ? new PullOutcome(ResponseCode.PULL_NOT_FOUND, 0)
                    : new PullOutcome(ResponseCode.PULL_OFFSET_MOVED, 0);
            case OFFSET_TOO_SMALL -> new PullOutcome(ResponseCode.PULL_OFFSET_MOVED, result.nextBeginOffset());
            case OFFSET_OVERFLOW_ONE -> new PullOutcome(ResponseCode.PULL_NOT_FOUND, requestOffset);
            case OFFSET_OVERFLOW_BADLY -> new PullOutcome(ResponseCode.PULL_OFFSET_MOVED, result.nextBeginOffset());
            case OFFSET_FOUND_NULL -> new PullOutcome(ResponseCode.PULL_NOT_FOUND, result.nextBeginOffset());
        };
    }
}
