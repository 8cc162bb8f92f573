package io.gantry.property.store;

import io.gantry.protocol.message.HostAddress;
import io.gantry.protocol.message.MessageRecord;
import io.gantry.protocol.message.MessageRecordCodec;
import io.gantry.simulation.choice.Choices;
import io.gantry.simulation.choice.Many;
import io.gantry.store.FlushDiskType;
import io.gantry.store.FlushStatus;
import io.gantry.store.MessageStore;
import io.gantry.store.PutMessageResult;
import io.gantry.store.PutMessageStatus;
import io.gantry.store.StoreConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntUnaryOperator;

/**
 * One generated case of the store's crash-consistency property: a small store on a simulated
 * node, a random sequence of operations drawn from {@link Choices} (puts of single messages and
 * batches, some sized to end right at a commit-log segment boundary; virtual time passing;
 * explicit flushes and checkpoints; consumer reads; process crashes and power losses, each
 * followed by a restart and a full {@link StoreChecker check}; now and then a failing fsync,
 * a failing write or a slow disk), then a clean shutdown and a last check.
 *
 * <p>The flush mode and the durable-read rule are fixed per property; everything else (segment
 * sizes, intervals, index sizes, the world seed that decides how power loss tears writes) is
 * drawn, so shrinking simplifies the configuration too. Every operation is noted on the case, so
 * a failure report lists what happened.
 */
public final class CrashConsistencyScenario {
    static final HostAddress BORN_HOST = HostAddress.of(new byte[] {10, 0, 0, 7}, 40001);
    static final HostAddress STORE_HOST = HostAddress.of(new byte[] {10, 0, 0, 1}, 10911);
    private static final List<String> TOPICS = List.of("TopicA", "TopicB", "%RETRY%group_1");
    private static final List<String> TAGS = List.of("tagA", "tagB", "a-much-longer-tag-value");
    private static final int[] COMMIT_LOG_SEGMENTS = {4096, 8192, 16384, 65536};
    private static final int[] CQ_SEGMENT_ENTRIES = {2, 3, 5, 16};

    /**
     * Knobs of the whole property.
     *
     * @param diskFaults EIO on write and fsync, slow disk
     * @param diskFull   the disk shrinks to about what is used (ENOSPC, early retention)
     */
    public record Settings(FlushDiskType flushDiskType, boolean serveOnlyDurable, int maxOperations,
                           boolean diskFaults, boolean diskFull) {
    }

    private final Settings settings;
    private final Choices c;
    private final Coverage coverage;
    private final StoreModel model = new StoreModel();
    private final StoreChecker checker = new StoreChecker(model);
    private SimStoreNode node;
    private int segmentBytes;
    private int maxBodyBytes;
    private int crashes;
    private int powerLosses;
    private int step;
    private boolean sawReadOnly;

    private CrashConsistencyScenario(Settings settings, Choices choices, Coverage coverage) {
        this.settings = settings;
        this.c = choices;
        this.coverage = coverage;
    }

    /** Runs one case; throws {@link AssertionError} (or the store's exception) if the store misbehaved. */
    public static void run(Settings settings, Choices choices) throws Exception {
        run(settings, choices, new Coverage());
    }

    /** Runs one case and adds what it exercised to {@code coverage}. */
    public static void run(Settings settings, Choices choices, Coverage coverage) throws Exception {
        new CrashConsistencyScenario(settings, choices, coverage).run();
    }

    private void run() throws Exception {
        StoreConfig config = drawConfig();
        long worldSeed = c.longBetween(0, (1L << 40) - 1);
        c.note("config: " + settings.flushDiskType() + " serveOnlyDurable=" + config.serveOnlyDurable()
                + " commit-log segment " + segmentBytes + " B, consume-queue segment "
                + config.mappedFileSizeConsumeQueue() + " B, flush every " + config.flushIntervalCommitLog()
                + " ms, checkpoint every " + config.flushIntervalConsumeQueue() + " ms, index " + config.maxHashSlotNum()
                + " slots x " + config.maxIndexNum() + " entries, retention every " + config.cleanResourceInterval()
                + " ms; world seed " + worldSeed);
        node = new SimStoreNode(worldSeed, config);
        node.open();
        Many ops = c.many(1, settings.maxOperations(), settings.maxOperations() / 2.0);
        while (ops.more()) {
            step++;
            operation();
            model.throwIfViolated();
        }
        if (!node.isOpen()) {
            reopenAndCheck("restart after the last operation", false);
        }
        finish();
        coverage.cases++;
        for (ModelMessage m : model.all()) {
            coverage.puts++;
            if (m.written) {
                long endInSegment = (m.physicalOffset + m.sent.storeSize()) % segmentBytes;
                if (endInSegment == 0 || endInSegment == segmentBytes - 8) {
                    coverage.recordsEndingAtTheSegmentEdge++;
                }
            }
            if (m.expired) {
                coverage.messagesExpired++;
            }
            if (m.lost) {
                coverage.messagesLost++;
                if (m.servedToConsumer) {
                    coverage.servedToConsumersThenLost++;
                }
            }
            if (m.durabilityProblem != null) {
                if (m.durabilityProblem.startsWith("failed")) {
                    coverage.failedDurabilities++;
                } else {
                    coverage.flushDiskTimeouts++;
                }
            }
        }
        if (node.onLoop(() -> node.store().getMaxPhyOffset()) > segmentBytes) {
            coverage.casesPastTheFirstSegment++;
        }
        coverage.offsetsReusedAfterLoss += countReusedOffsets();
    }

    /** Lost messages whose queue offset now belongs to another message. */
    private long countReusedOffsets() {
        long reused = 0;
        for (ModelMessage m : model.all()) {
            if (m.lost) {
                Integer owner = model.settledOwner(m.sent.topic(), m.sent.queueId(), m.queueOffset);
                if (owner != null && owner != m.id) {
                    reused++;
                }
            }
        }
        return reused;
    }

    private StoreConfig drawConfig() {
        segmentBytes = COMMIT_LOG_SEGMENTS[c.intBetween(0, COMMIT_LOG_SEGMENTS.length - 1)];
        maxBodyBytes = segmentBytes - 1024;
        int cqEntries = CQ_SEGMENT_ENTRIES[c.intBetween(0, CQ_SEGMENT_ENTRIES.length - 1)];
        return StoreConfig.builder()
                .flushDiskType(settings.flushDiskType())
                .serveOnlyDurable(settings.serveOnlyDurable())
                .mappedFileSizeCommitLog(segmentBytes)
                .mappedFileSizeConsumeQueue(cqEntries * StoreConfig.CQ_ENTRY_BYTES)
                .maxMessageSize(maxBodyBytes)
                .flushIntervalCommitLog(c.pick(List.of(200L, 10L, 500L)))
                .flushIntervalConsumeQueue(c.pick(List.of(1000L, 50L, 300L)))
                .maxHashSlotNum(c.pick(List.of(64, 4, 16)))
                .maxIndexNum(c.pick(List.of(256, 8, 32)))
                .cleanResourceInterval(c.pick(List.of(10_000L, 300L)))
                .build();
    }

    private void operation() throws Exception {
        if (!node.isOpen()) {
            reopenAndCheck("restart", false);
            return;
        }
        if (!sawReadOnly && node.onLoop(() -> node.store().readOnlyReason()) != null) {
            sawReadOnly = true;
            coverage.readOnlyStores++;
        }
        int faultWeight = settings.diskFaults() ? 2 : 0;
        int fullWeight = settings.diskFull() ? 2 : 0;
        switch (c.weighted(30, 8, 6, 14, 5, 3, 6, 5, 5, faultWeight, faultWeight, faultWeight, fullWeight)) {
            case 0 -> putOne(false);
            case 1 -> putBatch();
            case 2 -> putOne(true);
            case 3 -> advance();
            case 4 -> flush();
            case 5 -> checkpoint();
            case 6 -> consumerRead();
            case 7 -> crash();
            case 8 -> powerLoss();
            case 9 -> failNextForce();
            case 10 -> failNextWrite();
            case 11 -> slowDisk();
            case 12 -> diskNearlyFull();
            default -> throw new AssertionError();
        }
    }

    // ------------------------------------------------------------------ puts

    private ModelMessage newMessage(String topic, int queueId, int bodyBytes) {
        return newMessage(topic, queueId, overhead -> bodyBytes);
    }

    /** A message whose body size is chosen knowing the record's size without body ({@code overhead}). */
    private ModelMessage newMessage(String topic, int queueId, IntUnaryOperator bodyForOverhead) {
        int id = model.newId();
        String tags = c.chance(0.6) ? TAGS.get(c.intBetween(0, TAGS.size() - 1)) : null;
        List<String> keys = new ArrayList<>();
        if (c.chance(0.7)) {
            keys.add("k" + id);
            if (c.chance(0.3)) {
                keys.add("key-two-" + id);
            }
        }
        String uniqKey = c.chance(0.5) ? "U" + Long.toHexString(0xC0FFEE00000L + id).toUpperCase() : null;
        Map<String, String> props = new LinkedHashMap<>();
        props.put(ModelMessage.ID_PROPERTY, Integer.toString(id));
        if (!keys.isEmpty()) {
            props.put("KEYS", String.join(" ", keys));
        }
        if (uniqKey != null) {
            props.put("UNIQ_KEY", uniqKey);
        }
        if (tags != null) {
            props.put("TAGS", tags);
        }
        MessageRecord empty = MessageRecord.builder().topic(topic).queueId(queueId).properties(props)
                .bornHost(BORN_HOST).storeHost(STORE_HOST).bornTimestamp(1_767_225_600_000L + id)
                .flag(c.intBetween(0, 3)).build();
        byte[] body = new byte[Math.max(0, Math.min(maxBodyBytes, bodyForOverhead.applyAsInt(empty.storeSize())))];
        new SplittableRandom(c.longBetween(0, Long.MAX_VALUE)).nextBytes(body);
        MessageRecord sent = empty.toBuilder().body(body).bodyCrc(MessageRecordCodec.bodyCrc(body)).build();
        return model.register(id, sent, tags, keys, uniqKey);
    }

    private int drawBodyBytes() {
        return switch (c.weighted(6, 3, 1)) {
            case 0 -> c.intBetween(0, 64);
            case 1 -> c.intBetween(65, 1024);
            default -> c.intBetween(1025, maxBodyBytes);
        };
    }

    /** One message; with {@code nearBoundary}, sized to end at or just around the current segment's end. */
    private void putOne(boolean nearBoundary) throws Exception {
        String topic = c.pick(TOPICS);
        int queueId = c.intBetween(0, 2);
        ModelMessage m;
        if (nearBoundary) {
            long write = node.onLoop(() -> node.store().getMaxPhyOffset());
            long remaining = segmentBytes - write % segmentBytes;
            // Record + 8-byte filler exactly filling the segment is the edge; look a few bytes either side.
            long target = remaining - 8 + c.intBetween(-4, 12);
            m = newMessage(topic, queueId, overhead -> (int) Math.max(0, Math.min(Integer.MAX_VALUE, target - overhead)));
        } else {
            m = newMessage(topic, queueId, drawBodyBytes());
        }
        put(List.of(m));
    }

    private void putBatch() throws Exception {
        String topic = c.pick(TOPICS);
        int queueId = c.intBetween(0, 2);
        List<ModelMessage> batch = new ArrayList<>();
        Many more = c.many(2, 6);
        while (more.more()) {
            batch.add(newMessage(topic, queueId, c.chance(0.8) ? c.intBetween(0, 256) : drawBodyBytes()));
        }
        put(batch);
    }

    private void put(List<ModelMessage> batch) throws Exception {
        List<MessageRecord> sent = new ArrayList<>();
        for (ModelMessage m : batch) {
            sent.add(m.sent);
        }
        String readOnlyBefore = node.onLoop(() -> node.store().readOnlyReason());
        PutMessageResult result = node.onLoop(() -> sent.size() == 1
                ? node.store().putMessage(sent.get(0)) : node.store().putMessages(sent));
        if (readOnlyBefore != null && result.isOk()) {
            throw new AssertionError("step " + step + ": a put was accepted by a read-only store (" + readOnlyBefore
                    + "): " + batch.get(0).describe());
        }
        if (result.isOk() || result.status() == PutMessageStatus.SERVICE_NOT_AVAILABLE
                || result.status() == PutMessageStatus.MESSAGE_ILLEGAL
                || result.status() == PutMessageStatus.UNKNOWN_ERROR
                || result.status() == PutMessageStatus.CREATE_MAPPED_FILE_FAILED) {
            model.recordPut(batch, result);
        } else {
            throw new AssertionError("step " + step + ": unexpected put status " + result.status() + " ("
                    + result.errorMessage() + ") for " + batch.get(0).describe());
        }
        c.note(step + ": put " + (batch.size() == 1 ? "" : "batch of " + batch.size() + " ") + "#" + batch.get(0).id
                + (batch.size() == 1 ? "" : "..#" + batch.get(batch.size() - 1).id) + " to "
                + batch.get(0).sent.topic() + "/" + batch.get(0).sent.queueId() + " ("
                + batch.get(0).sent.storeSize() + " B record) -> " + result.status()
                + (result.isOk() ? " queue offset " + result.queueOffset() + " commit-log offset "
                + result.physicalOffset() : ""));
    }

    // ------------------------------------------------------------------ time, flushes, reads

    private void advance() {
        long ms = switch (c.weighted(4, 4, 1)) {
            case 0 -> c.intBetween(0, 5);
            case 1 -> c.intBetween(6, 1200);
            default -> c.intBetween(1201, 8000);
        };
        node.advance(ms);
        c.note(step + ": " + ms + " ms pass");
    }

    private void flush() throws Exception {
        List<ModelMessage> covered = model.writtenAlive();
        CompletableFuture<FlushStatus> done = node.onLoop(() -> node.store().flush());
        model.followDurability(covered, done, "an explicit flush");
        boolean wait = c.bool();
        if (wait) {
            node.await(done, SimStoreNode.MAX_CALL_MS);
        }
        c.note(step + ": flush" + (wait ? ", waited: " + (done.isDone() ? (done.isCompletedExceptionally()
                ? "failed" : done.join()) : "not done") : ""));
    }

    private void checkpoint() throws Exception {
        CompletableFuture<Void> done = node.onLoop(() -> node.store().checkpointNow());
        if (c.bool()) {
            node.await(done, SimStoreNode.MAX_CALL_MS);
        }
        c.note(step + ": checkpoint");
    }

    private void consumerRead() throws Exception {
        String topic = c.pick(TOPICS);
        int queueId = c.intBetween(0, 2);
        int max = c.intBetween(1, 32);
        c.note(step + ": consumer reads " + topic + "/" + queueId);
        node.onLoop(() -> {
            checker.verifyConsumerRead(node.store(), topic, queueId, max, node.config().serveOnlyDurable(),
                    "step " + step);
            return null;
        });
    }

    // ------------------------------------------------------------------ faults

    private void crash() throws Exception {
        crashes++;
        coverage.crashes++;
        c.note(step + ": process crash #" + crashes);
        node.crashAndRestart();
        restoreDisk();
        reopenAndCheck("process crash #" + crashes, true);
    }

    private void powerLoss() throws Exception {
        powerLosses++;
        coverage.powerLosses++;
        for (ModelMessage m : model.all()) {
            if (m.durable) {
                coverage.durableMessagesCheckedAfterPowerLoss++;
            }
        }
        c.note(step + ": power loss #" + powerLosses);
        node.powerLossAndRestart();
        restoreDisk();
        reopenAndCheck("power loss #" + powerLosses, false);
    }

    private void failNextForce() {
        node.disk().faults().failNextForces(1);
        c.note(step + ": the next fsync fails with EIO");
    }

    private void failNextWrite() {
        node.disk().faults().failNextWrites(1);
        c.note(step + ": the next write fails with EIO");
    }

    /**
     * Shrinks the disk to just above what is used: writes fail with ENOSPC (after writing what
     * fits), and past the store's ratios retention deletes the oldest segments early and puts are
     * refused. Space comes back at the next restart.
     */
    private void diskNearlyFull() {
        long used = node.disk().bytesUsed();
        long capacity = used + c.intBetween(0, 3 * segmentBytes);
        node.disk().setCapacityBytes(capacity);
        c.note(step + ": disk capacity cut to " + capacity + " B (" + used + " B used)");
    }

    private void restoreDisk() {
        node.disk().faults().clear();
        node.disk().setCapacityBytes(node.world().config().diskCapacityBytes());
    }

    private void slowDisk() {
        long micros = c.pick(List.of(0L, 100_000L, 6_000_000L));
        node.disk().faults().extraLatencyMicros(micros);
        c.note(step + ": disk operations take " + micros + " us longer");
    }

    // ------------------------------------------------------------------ recovery

    private void reopenAndCheck(String event, boolean pageCacheKept) throws Exception {
        MessageStore store;
        try {
            store = node.open();
        } catch (Exception e) {
            throw new AssertionError("the store failed to reopen after " + event + ": " + e, e);
        }
        String readOnly = node.onLoop(store::readOnlyReason);
        if (readOnly != null) {
            throw new AssertionError("after " + event + " the reopened store is read-only: " + readOnly);
        }
        long truncated = node.onLoop(store::recoveredTruncatedBytes);
        if (truncated > 0) {
            coverage.recoveriesThatCutATornTail++;
        }
        node.onLoop(() -> {
            checker.verifyRecovered(store, event, pageCacheKept, node.config().serveOnlyDurable(), segmentBytes);
            return null;
        });
        c.note("   recovered after " + event + ": commit log ends at " + node.onLoop(store::getMaxPhyOffset));
    }

    /** Clean shutdown (if the store is writable; otherwise a crash), reopen, and a last check. */
    private void finish() throws Exception {
        restoreDisk();
        String readOnly = node.onLoop(() -> node.store().readOnlyReason());
        if (readOnly == null) {
            boolean clean = node.cleanShutdownAndRestart();
            c.note("end: " + (clean ? "clean shutdown" : "shutdown failed (the store turned read-only)"));
            reopenAndCheck(clean ? "clean shutdown" : "failed shutdown", true);
        } else {
            node.crashAndRestart();
            c.note("end: crash of the read-only store");
            reopenAndCheck("process crash of the read-only store", true);
        }
    }
}
