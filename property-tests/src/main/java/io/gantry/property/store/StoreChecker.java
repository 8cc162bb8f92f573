package io.gantry.property.store;

import io.gantry.protocol.message.MessageRecord;
import io.gantry.protocol.message.MessageRecordCodec;
import io.gantry.protocol.message.TagsCode;
import io.gantry.protocol.remoting.ProtocolException;
import io.gantry.store.GetMessageResult;
import io.gantry.store.GetMessageStatus;
import io.gantry.store.MessageFilter;
import io.gantry.store.MessageStore;
import io.gantry.store.QueryMessageResult;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares a store with the {@link StoreModel}. Every failure is an {@link AssertionError} that
 * says what went wrong and names the message (id, topic, queue, offsets) and the event.
 *
 * <p>After a recovery ({@link #verifyRecovered}) it reads every queue the model knows from its
 * min to its max offset and checks that:
 * <ul>
 *   <li>each offset holds exactly one record, CRC-valid, that was put (and not refused), with the
 *       body, properties, topic, queue, queue offset and commit-log offset the put was given, and
 *       the consume-queue entry's tags code;</li>
 *   <li>every settled offset (acknowledged durable, seen after an earlier recovery, or served under
 *       the durable-read rule) still holds its message, and no lost message comes back;</li>
 *   <li>after a process crash or a clean shutdown, every written message is there (the page cache
 *       survives those);</li>
 *   <li>a walk of the commit log by physical offset finds exactly the records the queues serve, with
 *       store times that never go back;</li>
 *   <li>a key query finds each present message by each of its keys and its UNIQ_KEY, and finds
 *       nothing for messages that are not present.</li>
 * </ul>
 * Then every present message is settled and every absent written one is marked lost.
 *
 * <p>Must run on the store's loop. Does not check retention (the scenarios never expire data).
 */
public final class StoreChecker {
    /** The largest queue the checker reads through, against a store that never ends a queue. */
    private static final long MAX_QUEUE_ENTRIES = 100_000;

    private final StoreModel model;

    public StoreChecker(StoreModel model) {
        this.model = model;
    }

    /** A record the store served, with the consume-queue tags code it came with. */
    private record Served(ModelMessage message, MessageRecord record, ByteBuffer bytes, long tagsCode) {
    }

    /**
     * Full check after the store was reopened.
     *
     * @param event          what happened before, e.g. "power loss #2", for messages
     * @param pageCacheKept  true after a process crash or clean shutdown (nothing written may be missing)
     * @param serveOnlyDurable whether the store serves only durable records
     */
    public void verifyRecovered(MessageStore store, String event, boolean pageCacheKept, boolean serveOnlyDurable,
                                int commitLogSegmentBytes) {
        model.throwIfViolated();
        markExpired(store);
        TreeMap<Integer, Served> present = new TreeMap<>();
        for (String queue : model.queues()) {
            int slash = queue.lastIndexOf('/');
            String topic = queue.substring(0, slash);
            int queueId = Integer.parseInt(queue.substring(slash + 1));
            readWholeQueue(store, topic, queueId, event, present);
        }
        for (ModelMessage m : model.all()) {
            Served s = present.get(m.id);
            if (s != null || m.expired) {
                continue;
            }
            if (m.durable) {
                throw new AssertionError("after " + event + ": " + m.describe()
                        + " is missing, though it was acknowledged durable");
            }
            if (m.confirmed) {
                throw new AssertionError("after " + event + ": " + m.describe()
                        + " is missing, though it was confirmed by " + m.confirmedBy);
            }
            if (pageCacheKept && m.written && !m.lost) {
                throw new AssertionError("after " + event + " (the page cache survived): " + m.describe()
                        + " is missing, though its put returned PUT_OK");
            }
        }
        for (Map.Entry<String, Integer> e : model.settledOffsets().entrySet()) {
            if (!present.containsKey(e.getValue()) && !model.get(e.getValue()).expired) {
                throw new AssertionError("after " + event + ": settled offset " + e.getKey() + " of "
                        + model.get(e.getValue()).describe() + " no longer holds it");
            }
        }
        walkCommitLog(store, event, present, serveOnlyDurable, commitLogSegmentBytes);
        checkIndex(store, event, present);
        for (Served s : present.values()) {
            model.settle(s.message, "recovery after " + event);
        }
        for (ModelMessage m : model.writtenAlive()) {
            if (!present.containsKey(m.id) && !m.expired) {
                m.lost = true;
                m.lostAt = event;
            }
        }
        model.throwIfViolated();
    }

    /**
     * Retention: messages whose record lies below the commit log's min offset were deleted with
     * their segment, which the store may do (early, when the disk is nearly full).
     */
    private void markExpired(MessageStore store) {
        long min = store.getMinPhyOffset();
        for (ModelMessage m : model.all()) {
            if (m.written && m.physicalOffset < min) {
                m.expired = true;
            }
        }
    }

    /**
     * What a consumer sees mid-run: reads up to {@code maxMessages} of a queue from its min offset
     * and checks each record as after a recovery. Under the durable-read rule the records served
     * are settled (a consumer saw them, so a crash must not take them back).
     */
    public void verifyConsumerRead(MessageStore store, String topic, int queueId, int maxMessages,
                                   boolean serveOnlyDurable, String event) {
        model.throwIfViolated();
        markExpired(store);
        long offset = store.getMinOffsetInQueue(topic, queueId);
        RecordingFilter filter = new RecordingFilter();
        GetMessageResult r = store.getMessage(topic, queueId, offset, maxMessages, 1 << 20, filter);
        String where = topic + "/" + queueId;
        if (r.status() != GetMessageStatus.FOUND) {
            if (!r.messages().isEmpty()) {
                throw new AssertionError(event + ": read of " + where + " at " + offset + " returned "
                        + r.messageCount() + " records with status " + r.status());
            }
            return;
        }
        // The store picks entries from the consume queue (the filter sees each) before reading their
        // records, so a read that stops at an unreadable record has shown the filter more entries than it serves.
        if (filter.codes.size() > r.messageCount() && r.nextBeginOffset() == offset + r.messageCount()) {
            long bad = offset + r.messageCount();
            Integer owner = model.settledOwner(topic, queueId, bad);
            throw new AssertionError(event + ": read of " + where + " from " + offset + " stopped at offset " + bad
                    + ", whose record is unreadable" + (owner == null ? "" : "; it belongs to "
                    + model.get(owner).describe()));
        }
        if (filter.codes.size() != r.messageCount()) {
            throw new AssertionError(event + ": read of " + where + " from " + offset + " scanned "
                    + filter.codes.size() + " entries but served " + r.messageCount()
                    + " records: the store skipped unreadable entries");
        }
        for (int i = 0; i < r.messageCount(); i++) {
            Served s = checkServed(r.messages().get(i), topic, queueId, offset + i, filter.codes.get(i),
                    event + ", consumer read of " + where);
            s.message.servedToConsumer = true;
            if (serveOnlyDurable) {
                model.settle(s.message, "a consumer read under the durable-read rule (" + event + ")");
            }
        }
        if (r.nextBeginOffset() != offset + r.messageCount()) {
            throw new AssertionError(event + ": read of " + where + " from " + offset + " served "
                    + r.messageCount() + " records but says next offset " + r.nextBeginOffset());
        }
        model.throwIfViolated();
    }

    private void readWholeQueue(MessageStore store, String topic, int queueId, String event,
                                TreeMap<Integer, Served> present) {
        String where = topic + "/" + queueId;
        long min = store.getMinOffsetInQueue(topic, queueId);
        long max = store.getMaxOffsetInQueue(topic, queueId);
        if (min < 0 || max < min || max - min > MAX_QUEUE_ENTRIES) {
            throw new AssertionError("after " + event + ": queue " + where + " has offsets [" + min + ", " + max + ")");
        }
        for (long offset = min; offset < max; offset++) {
            RecordingFilter filter = new RecordingFilter();
            GetMessageResult r = store.getMessage(topic, queueId, offset, 1, 1 << 20, filter);
            if (r.status() != GetMessageStatus.FOUND || r.messageCount() != 1) {
                Integer owner = model.settledOwner(topic, queueId, offset);
                throw new AssertionError("after " + event + ": queue " + where + " offset " + offset + " in ["
                        + min + ", " + max + ") is not readable: " + r.status() + " with " + r.messageCount()
                        + " records" + (owner == null ? "" : "; it belongs to " + model.get(owner).describe()));
            }
            if (r.nextBeginOffset() != offset + 1) {
                throw new AssertionError("after " + event + ": reading " + where + " at " + offset
                        + " skipped to " + r.nextBeginOffset());
            }
            long tagsCode = filter.codes.get(filter.codes.size() - 1);
            Served s = checkServed(r.messages().get(0), topic, queueId, offset, tagsCode, "after " + event);
            Served twice = present.put(s.message.id, s);
            if (twice != null) {
                throw new AssertionError("after " + event + ": " + s.message.describe() + " is stored twice, at "
                        + where + " offsets " + twice.record.queueOffset() + " and " + offset);
            }
        }
        if (max > 0) {
            GetMessageStatus past = store.getMessage(topic, queueId, max, 1, 1 << 20, MessageFilter.ALL).status();
            if (past != GetMessageStatus.OFFSET_OVERFLOW_ONE) {
                throw new AssertionError("after " + event + ": reading " + where + " at its max offset " + max
                        + " gives " + past + ", not OFFSET_OVERFLOW_ONE");
            }
        }
    }

    /** Checks one served record against the model and the settled offsets. */
    private Served checkServed(ByteBuffer bytes, String topic, int queueId, long queueOffset, long tagsCode,
                               String context) {
        String where = topic + "/" + queueId + " offset " + queueOffset;
        MessageRecord record;
        try {
            record = MessageRecordCodec.decode(bytes.duplicate(), true);
        } catch (ProtocolException e) {
            throw new AssertionError(context + ": the record served at " + where + " does not decode or fails its "
                    + "body CRC: " + e.getMessage());
        }
        String idText = record.property(ModelMessage.ID_PROPERTY);
        ModelMessage m = idText == null ? null : model.get(parseId(idText));
        if (m == null) {
            throw new AssertionError(context + ": " + where + " serves a record that was never put: " + record);
        }
        if (m.rejected) {
            throw new AssertionError(context + ": " + where + " serves " + m.describe()
                    + ", whose put was refused");
        }
        if (!m.written) {
            throw new AssertionError(context + ": " + where + " serves " + m.describe() + ", never written");
        }
        if (m.lost) {
            throw new AssertionError(context + ": " + where + " serves " + m.describe() + ", which came back");
        }
        List<String> diffs = new ArrayList<>();
        MessageRecord sent = m.sent;
        if (!record.topic().equals(topic) || record.queueId() != queueId || record.queueOffset() != queueOffset) {
            diffs.add("stored as " + record.topic() + "/" + record.queueId() + " offset " + record.queueOffset()
                    + ", read from " + where);
        }
        if (!record.topic().equals(sent.topic()) || record.queueId() != sent.queueId()) {
            diffs.add("topic/queue " + record.topic() + "/" + record.queueId());
        }
        if (record.queueOffset() != m.queueOffset) {
            diffs.add("queue offset " + record.queueOffset() + ", the put was given " + m.queueOffset);
        }
        if (record.commitLogOffset() != m.physicalOffset) {
            diffs.add("commit-log offset " + record.commitLogOffset() + ", the put was given " + m.physicalOffset);
        }
        if (!Arrays.equals(record.body(), sent.body())) {
            diffs.add("body differs (" + record.body().length + " B stored, " + sent.body().length + " B sent)");
        }
        if (!record.propertiesString().equals(sent.propertiesString())) {
            diffs.add("properties '" + record.propertiesString() + "', sent '" + sent.propertiesString() + "'");
        }
        if (record.bornTimestamp() != sent.bornTimestamp() || !record.bornHost().equals(sent.bornHost())
                || record.flag() != sent.flag() || record.sysFlag() != sent.sysFlag()
                || record.reconsumeTimes() != sent.reconsumeTimes()) {
            diffs.add("header fields differ: stored " + record);
        }
        if (record.storeSize() != sent.storeSize() || bytes.remaining() != sent.storeSize()) {
            diffs.add("record size " + bytes.remaining() + ", expected " + sent.storeSize());
        }
        if (tagsCode != TagsCode.of(m.tags)) {
            diffs.add("consume-queue tags code " + tagsCode + ", expected " + TagsCode.of(m.tags));
        }
        if (!diffs.isEmpty()) {
            throw new AssertionError(context + ": " + where + " serves " + m.describe() + " wrongly: "
                    + String.join("; ", diffs));
        }
        Integer owner = model.settledOwner(topic, queueId, queueOffset);
        if (owner != null && owner != m.id) {
            throw new AssertionError(context + ": " + where + " serves " + m.describe() + " but the offset was "
                    + "settled for " + model.get(owner).describe() + ": a queue offset was reused");
        }
        return new Served(m, record, bytes, tagsCode);
    }

    private static int parseId(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Walks the commit log record by record (skipping fillers to the next segment) and checks that
     * it holds exactly the records the queues served, byte for byte.
     */
    private void walkCommitLog(MessageStore store, String event, TreeMap<Integer, Served> present,
                               boolean serveOnlyDurable, int segmentBytes) {
        long position = store.getMinPhyOffset();
        long limit = serveOnlyDurable ? store.getDurablePhyOffset() : store.getMaxPhyOffset();
        TreeMap<Long, Served> byPhysical = new TreeMap<>();
        for (Served s : present.values()) {
            byPhysical.put(s.record.commitLogOffset(), s);
        }
        int walked = 0;
        long lastStoreTimestamp = Long.MIN_VALUE;
        while (position < limit) {
            ByteBuffer bytes = store.lookMessageByOffset(position);
            if (bytes == null) {
                if (position % segmentBytes == 0) {
                    throw new AssertionError("after " + event + ": no valid record at commit-log offset " + position
                            + ", the start of a segment below the readable end " + limit);
                }
                // An end-of-segment filler (or garbage the queues must not point into: checked below).
                position += segmentBytes - position % segmentBytes;
                continue;
            }
            Served s = byPhysical.get(position);
            if (s == null) {
                MessageRecord r = MessageRecordCodec.decode(bytes.duplicate(), true);
                String idText = r.property(ModelMessage.ID_PROPERTY);
                ModelMessage m = idText == null ? null : model.get(parseId(idText));
                throw new AssertionError("after " + event + ": the commit log holds a record at offset " + position
                        + " (" + (m == null ? r.toString() : m.describe()) + ") that no consume queue serves");
            }
            if (s.record.storeTimestamp() < lastStoreTimestamp) {
                throw new AssertionError("after " + event + ": store time goes back along the commit log: "
                        + s.message.describe() + " has " + s.record.storeTimestamp() + ", an earlier record "
                        + lastStoreTimestamp);
            }
            lastStoreTimestamp = s.record.storeTimestamp();
            if (!bytes.equals(s.bytes)) {
                throw new AssertionError("after " + event + ": the commit log at offset " + position
                        + " and the queue read of " + s.message.describe() + " give different bytes");
            }
            walked++;
            position += bytes.remaining();
        }
        if (walked != present.size()) {
            List<String> unwalked = new ArrayList<>();
            for (Served s : present.values()) {
                if (s.record.commitLogOffset() >= limit || s.record.commitLogOffset() < store.getMinPhyOffset()) {
                    unwalked.add(s.message.describe());
                }
            }
            throw new AssertionError("after " + event + ": the queues serve " + present.size()
                    + " records but a walk of the commit log up to " + limit + " found " + walked
                    + (unwalked.isEmpty() ? "" : "; outside the walked range: " + unwalked));
        }
    }

    private void checkIndex(MessageStore store, String event, TreeMap<Integer, Served> present) {
        if (!store.config().messageIndexEnable()) {
            return;
        }
        for (ModelMessage m : model.all()) {
            List<String> lookups = new ArrayList<>(m.keys);
            if (m.uniqKey != null) {
                lookups.add(m.uniqKey);
            }
            boolean there = present.containsKey(m.id);
            if (m.expired) {
                continue;
            }
            for (String key : lookups) {
                QueryMessageResult q = store.queryMessage(m.sent.topic(), key, 32, 0, Long.MAX_VALUE);
                int hits = 0;
                for (ByteBuffer b : q.messages()) {
                    MessageRecord r = MessageRecordCodec.decode(b.duplicate(), true);
                    if (String.valueOf(m.id).equals(r.property(ModelMessage.ID_PROPERTY))) {
                        hits++;
                    } else {
                        throw new AssertionError("after " + event + ": key query " + m.sent.topic() + "#" + key
                                + " returned another message: " + r);
                    }
                }
                if (there && hits != 1) {
                    throw new AssertionError("after " + event + ": key query " + m.sent.topic() + "#" + key
                            + " finds " + hits + " records of " + m.describe() + ", expected 1");
                }
                if (!there && hits != 0) {
                    throw new AssertionError("after " + event + ": key query " + m.sent.topic() + "#" + key
                            + " finds " + m.describe() + ", which the queues do not hold");
                }
            }
        }
    }

    /** Accepts everything and remembers the tags code of each entry it was asked about, in order. */
    private static final class RecordingFilter implements MessageFilter {
        final List<Long> codes = new ArrayList<>();

        @Override
        public boolean matchesTagsCode(long tagsCode) {
            codes.add(tagsCode);
            return true;
        }
    }
}
