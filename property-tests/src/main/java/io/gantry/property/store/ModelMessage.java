package io.gantry.property.store;

import io.gantry.protocol.message.MessageRecord;
import java.util.List;

/**
 * What the model knows about one message the scenario tried to put: what was sent, what the
 * store answered, and what the scenario has learnt since (acknowledged as durable, seen after a
 * recovery, lost by one). Mutable; used on the scenario thread only.
 */
public final class ModelMessage {
    /** Name of the property carrying the model id, so a stored record names its message. */
    public static final String ID_PROPERTY = "MID";

    final int id;
    final MessageRecord sent;
    final String tags;
    final List<String> keys;
    final String uniqKey;

    /** PUT_OK: the record is in the page cache with these offsets. */
    boolean written;
    /** The put was refused (or failed to write): the record must never appear. */
    boolean rejected;
    String rejectedStatus;
    long queueOffset = -1;
    long physicalOffset = -1;
    /** Its durability future completed FLUSHED, or a flush that covered it did. */
    boolean durable;
    /** Its durability future failed or timed out: whether it survives is unknown. */
    String durabilityProblem;
    /** Seen after a recovery, or served to a consumer under the durable-read rule: it must stay. */
    boolean confirmed;
    String confirmedBy;
    /** Its commit-log segment was deleted by retention: it may be absent from now on. */
    boolean expired;
    /** Served to a consumer at some point (under any read rule). */
    boolean servedToConsumer;
    /** Written, then absent after a recovery: it must never come back. */
    boolean lost;
    String lostAt;

    ModelMessage(int id, MessageRecord sent, String tags, List<String> keys, String uniqKey) {
        this.id = id;
        this.sent = sent;
        this.tags = tags;
        this.keys = keys;
        this.uniqKey = uniqKey;
    }

    public int id() {
        return id;
    }

    public boolean durable() {
        return durable;
    }

    public boolean written() {
        return written;
    }

    public boolean lost() {
        return lost;
    }

    /** Where it was stored, for failure messages. */
    String where() {
        return sent.topic() + "/" + sent.queueId() + (written ? " queue offset " + queueOffset
                + " commit-log offset " + physicalOffset : "");
    }

    /** One line for failure messages: id, place, size and what the model believes. */
    String describe() {
        StringBuilder s = new StringBuilder("message #").append(id).append(" (").append(where())
                .append(", body ").append(sent.body().length).append(" B, ").append(sent.storeSize())
                .append(" B record");
        if (rejected) {
            s.append(", rejected ").append(rejectedStatus);
        }
        if (durable) {
            s.append(", acknowledged durable");
        } else if (written) {
            s.append(", acknowledged not durable");
        }
        if (durabilityProblem != null) {
            s.append(", durability ").append(durabilityProblem);
        }
        if (confirmed) {
            s.append(", confirmed by ").append(confirmedBy);
        }
        if (lost) {
            s.append(", lost at ").append(lostAt);
        }
        if (expired) {
            s.append(", expired by retention");
        }
        return s.append(')').toString();
    }
}
