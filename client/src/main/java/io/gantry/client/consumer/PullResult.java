package io.gantry.client.consumer;

import java.util.List;

/**
 * The answer to one pull.
 *
 * @param status          what was found
 * @param nextBeginOffset where to pull next
 * @param minOffset       the queue's min offset
 * @param maxOffset       the queue's max offset (exclusive)
 * @param messages        matching messages (client-side tag check applied); empty unless FOUND
 */
public record PullResult(PullStatus status, long nextBeginOffset, long minOffset, long maxOffset,
        List<ReceivedMessage> messages) {

    public PullResult {
        messages = List.copyOf(messages);
    }
}
