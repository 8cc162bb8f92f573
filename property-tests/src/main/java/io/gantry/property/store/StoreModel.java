package io.gantry.property.store;

import io.gantry.protocol.message.MessageRecord;
import io.gantry.store.FlushStatus;
import io.gantry.store.PutMessageResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * The simple model the store is checked against: every message the scenario tried to put and
 * its outcome, and which message owns each (topic, queue, offset) once that is settled. Updated
 * from put results and from durability futures as they complete (on the loop, which in the
 * simulation is the scenario's thread).
 *
 * <p>An offset is settled (bound to one message for the rest of the run, across crashes) once its
 * message is acknowledged durable, survived a recovery, or was served to a consumer under the
 * durable-read rule. Before that, a crash may take the message back and the store may give the
 * offset to another one.
 */
public final class StoreModel {
    private final TreeMap<Integer, ModelMessage> messages = new TreeMap<>();
    private final TreeMap<String, Integer> settled = new TreeMap<>();
    private final TreeSet<String> queues = new TreeSet<>();
    private final List<AssertionError> violations = new ArrayList<>();
    private int nextId = 1;

    /** A fresh id for a message about to be built. */
    public int newId() {
        return nextId++;
    }

    /** Registers a message before it is put. */
    public ModelMessage register(int id, MessageRecord sent, String tags, List<String> keys, String uniqKey) {
        ModelMessage m = new ModelMessage(id, sent, tags, keys, uniqKey);
        messages.put(id, m);
        queues.add(queueKey(sent.topic(), sent.queueId()));
        return m;
    }

    public ModelMessage get(int id) {
        return messages.get(id);
    }

    public Collection<ModelMessage> all() {
        return messages.values();
    }

    /** Every (topic, queue) the scenario ever put to, as "topic/queueId". */
    public List<String> queues() {
        return new ArrayList<>(queues);
    }

    static String queueKey(String topic, int queueId) {
        return topic + "/" + queueId;
    }

    static String offsetKey(String topic, int queueId, long queueOffset) {
        return topic + "/" + queueId + "@" + queueOffset;
    }

    /** The message that owns an offset, or null if the offset is not settled. */
    Integer settledOwner(String topic, int queueId, long queueOffset) {
        return settled.get(offsetKey(topic, queueId, queueOffset));
    }

    Map<String, Integer> settledOffsets() {
        return settled;
    }

    /**
     * Records a put's answer for {@code batch} (one message or a batch to one queue, in order) and
     * follows its durability future.
     */
    public void recordPut(List<ModelMessage> batch, PutMessageResult result) {
        if (!result.isOk()) {
            for (ModelMessage m : batch) {
                m.rejected = true;
                m.rejectedStatus = result.status() + " (" + result.errorMessage() + ")";
            }
            return;
        }
        if (result.messageCount() != batch.size()) {
            throw new AssertionError("a put of " + batch.size() + " messages stored " + result.messageCount());
        }
        long physical = result.physicalOffset();
        long queueOffset = result.queueOffset();
        for (ModelMessage m : batch) {
            m.written = true;
            m.physicalOffset = physical;
            m.queueOffset = queueOffset++;
            physical += m.sent.storeSize();
        }
        long end = physical;
        if (end - result.physicalOffset() != result.wroteBytes()) {
            throw new AssertionError("put of " + batch.size() + " records wrote " + result.wroteBytes()
                    + " bytes, the records take " + (end - result.physicalOffset()));
        }
        followDurability(batch, result.durability(), "its durability future");
    }

    /** Marks {@code covered} durable if {@code future} completes FLUSHED; notes a failure or timeout otherwise. */
    public void followDurability(List<ModelMessage> covered, CompletableFuture<FlushStatus> future, String what) {
        future.whenComplete((status, error) -> {
            for (ModelMessage m : covered) {
                if (error != null) {
                    m.durabilityProblem = "failed (" + what + ": " + error + ")";
                } else if (status == FlushStatus.FLUSHED) {
                    try {
                        settle(m, "acknowledgement of " + what);
                    } catch (AssertionError e) {
                        // A callback's exception would vanish into the dependent future: keep it.
                        violations.add(e);
                    }
                    m.durable = true;
                } else if (m.durabilityProblem == null) {
                    m.durabilityProblem = status + " (" + what + ")";
                }
            }
        });
    }

    /** Rethrows the first violation found inside a future callback, if any. */
    public void throwIfViolated() {
        if (!violations.isEmpty()) {
            throw violations.get(0);
        }
    }

    /** Binds the message to its offset for good; fails if another message already owns the offset. */
    void settle(ModelMessage m, String why) {
        if (m.expired) {
            return;
        }
        if (m.lost) {
            throw new AssertionError("the model marks " + m.describe() + " as settled by " + why
                    + " although it was lost before");
        }
        String key = offsetKey(m.sent.topic(), m.sent.queueId(), m.queueOffset);
        Integer owner = settled.putIfAbsent(key, m.id);
        if (owner != null && owner != m.id) {
            throw new AssertionError("offset " + key + " is settled for message #" + owner + " but " + why
                    + " binds it to " + m.describe() + ": a queue offset was reused for another message");
        }
        if (!m.confirmed) {
            m.confirmed = true;
            m.confirmedBy = why;
        }
    }

    /** Written messages not yet known to be lost, in id order. */
    List<ModelMessage> writtenAlive() {
        List<ModelMessage> out = new ArrayList<>();
        for (ModelMessage m : messages.values()) {
            if (m.written && !m.lost) {
                out.add(m);
            }
        }
        return out;
    }
}
