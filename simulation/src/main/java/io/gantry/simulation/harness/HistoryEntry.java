package io.gantry.simulation.harness;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of a {@link History}. An operation is an {@link Type#INVOKE} followed by exactly one of
 * {@link Type#OK}, {@link Type#FAIL} (it certainly did not happen) or {@link Type#INFO} (indeterminate:
 * it may or may not have happened); a {@link Type#READ} is one message a reader saw; a
 * {@link Type#FAULT} is a nemesis action. Fields that do not apply are null or -1.
 *
 * @param index          position in the history
 * @param timeMs         virtual time
 * @param process        who acted (producer-1, reader, drain, nemesis, probe)
 * @param type           see above
 * @param op             put, read, or the fault kind label
 * @param value          the unique value a put carries, or the value a read saw
 * @param topic          topic
 * @param queue          queue id
 * @param queueOffset    queue offset (from the put result or the record read)
 * @param physicalOffset commit-log offset
 * @param status         PUT_OK, FLUSH_DISK_TIMEOUT, SERVICE_NOT_AVAILABLE, ... or why it is indeterminate
 * @param contentHash    hash of body and properties (put: what was sent; read: what was read)
 * @param sizeBytes      stored record size (reads), or -1
 * @param detail         free text for people
 */
public record HistoryEntry(long index, long timeMs, String process, Type type, String op, String value,
                           String topic, int queue, long queueOffset, long physicalOffset, String status,
                           long contentHash, int sizeBytes, String detail) {

    public enum Type { INVOKE, OK, FAIL, INFO, READ, FAULT }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", index);
        m.put("timeMs", timeMs);
        m.put("process", process);
        m.put("type", type.name().toLowerCase(java.util.Locale.ROOT));
        m.put("op", op);
        putIf(m, "value", value);
        putIf(m, "topic", topic);
        if (queue >= 0) {
            m.put("queue", queue);
        }
        if (queueOffset >= 0) {
            m.put("queueOffset", queueOffset);
        }
        if (physicalOffset >= 0) {
            m.put("physicalOffset", physicalOffset);
        }
        putIf(m, "status", status);
        if (contentHash != 0) {
            m.put("contentHash", String.format("%016x", contentHash));
        }
        if (sizeBytes >= 0) {
            m.put("sizeBytes", sizeBytes);
        }
        putIf(m, "detail", detail);
        return m;
    }

    private static void putIf(Map<String, Object> m, String key, Object v) {
        if (v != null) {
            m.put(key, v);
        }
    }
}
