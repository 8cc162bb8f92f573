package io.gantry.protocol.body;

import java.util.Map;

/** Delay level to offset in SCHEDULE_TOPIC_XXXX queue level-1: GET_ALL_DELAY_OFFSET body and delayOffset.json. */
public record DelayOffsetSerializeWrapper(Map<Integer, Long> offsetTable) {

    public DelayOffsetSerializeWrapper {
        offsetTable = Copies.map(offsetTable);
    }
}
