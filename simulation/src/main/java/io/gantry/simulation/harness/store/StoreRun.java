package io.gantry.simulation.harness.store;

import io.gantry.protocol.message.HostAddress;
import io.gantry.protocol.message.MessageRecord;
import io.gantry.protocol.message.MessageRecordCodec;
import io.gantry.simulation.SimConfig;
import io.gantry.simulation.SimNode;
import io.gantry.simulation.SimWorld;
import io.gantry.simulation.SimulationBudgetExceeded;
import io.gantry.simulation.TraceHash;
import io.gantry.simulation.harness.FaultSchedule;
import io.gantry.simulation.harness.History;
import io.gantry.simulation.harness.HistoryEntry;
import io.gantry.simulation.harness.Nemesis;
import io.gantry.simulation.harness.RunResult;
import io.gantry.simulation.harness.check.CheckInput;
import io.gantry.simulation.harness.check.CheckResult;
import io.gantry.simulation.harness.check.Checker;
import io.gantry.simulation.harness.check.Checkers;
import io.gantry.store.FlushDiskType;
import io.gantry.store.FlushStatus;
import io.gantry.store.GetMessageResult;
import io.gantry.store.GetMessageStatus;
import io.gantry.store.MessageFilter;
import io.gantry.store.MessageStore;
import io.gantry.store.PutMessageResult;
import io.gantry.store.PutMessageStatus;
import io.gantry.store.StoreConfig;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One run of a {@link StoreScenario}: builds the world and the store, drives the producers and the
 * reader, lets the nemesis work through the schedule, heals, settles, probes liveness, drains, and
 * hands the history to the checkers. Single use, single thread.
 */
final class StoreRun {

    static final List<String> TOPICS = List.of("TopicA", "TopicB");
    static final int QUEUES = 3;
    static final int PRODUCERS = 3;
    static final long MIN_PUT_GAP_MS = 5;
    static final long MAX_PUT_GAP_MS = 60;
    static final long READ_EVERY_MS = 1_000;
    static final long SETTLE_MS = 3_000;
    static final long LIVENESS_BOUND_MS = 30_000;
    static final int PROBES = 5;
    static final long PROBE_RETRY_MS = 500;
    static final int READ_BATCH = 32;
    /** Bound on read calls per queue per pass, against a store that never advances. */
    static final int MAX_READS_PER_QUEUE = 100_000;
    /**
     * Steps (events plus disk operations) a run may take; a normal run takes well under 100 000. Past
     * it the run fails the {@code budget} checker: a runaway loop, deterministic from the seed.
     */
    static final long STEP_BUDGET = 1_000_000;

    private static final HostAddress BORN = HostAddress.of(new byte[] {10, 0, 0, 1}, 50000);
    private static final HostAddress STORE_HOST = HostAddress.of(new byte[] {10, 0, 0, 2}, 10911);

    private final String name;
    private final FlushDiskType flushDiskType;
    private final boolean earlyAck;
    private final FaultSchedule schedule;
    private final History history = new History();
    private final SplittableRandom random;
    /** Puts appended (or queued for the loop) and not yet answered, by value, in invoke order. */
    private final Map<String, HistoryEntry> pending = new LinkedHashMap<>();
    private final Map<String, Long> readCursors = new LinkedHashMap<>();
    /** How each put ended, by value. */
    private final Map<String, HistoryEntry.Type> completions = new java.util.HashMap<>();
    private SimWorld world;
    private SimNode node;
    private StoreProcess process;
    private int invoked;
    private long sequence;
    private boolean healed;
    private StoreNemesis nemesis;

    StoreRun(String name, FlushDiskType flushDiskType, boolean earlyAck, FaultSchedule schedule) {
        this.name = name;
        this.flushDiskType = flushDiskType;
        this.earlyAck = earlyAck;
        this.schedule = schedule;
        this.random = new SplittableRandom(TraceHash.deriveSeed(schedule.seed(), "workload"));
    }

    static StoreConfig storeConfig(FlushDiskType flushDiskType) {
        return StoreConfig.builder()
                .flushDiskType(flushDiskType)
                .mappedFileSizeCommitLog(64 * 1024)
                .mappedFileSizeConsumeQueue(20 * 256)
                .maxMessageSize(4096)
                .maxHashSlotNum(64)
                .maxIndexNum(256)
                // Retention must not delete acknowledged data while ENOSPC is injected: this run checks durability.
                .diskMaxUsedSpaceRatio(95)
                .diskSpaceCleanForciblyRatio(95)
                .build();
    }

    RunResult execute() {
        long wallStart = System.nanoTime();
        world = new SimWorld(SimConfig.defaults(schedule.seed()));
        world.setFailOnTaskException(false);
        world.setStepBudget(STEP_BUDGET);
        try {
            return executeInWorld(wallStart);
        } catch (SimulationBudgetExceeded e) {
            history.add(world.nowMs(), "harness", HistoryEntry.Type.INFO, "budget", null, null, -1, -1, -1,
                    e.kind().name(), 0, e.getMessage());
            return RunResult.budgetExceeded(schedule.seed(), name, world.traceHash(),
                    (System.nanoTime() - wallStart) / 1_000_000, e, nemesisApplied(), schedule, history);
        }
    }

    private RunResult executeInWorld(long wallStart) {
        node = world.addNode("store");
        List<Checker> checkers = new ArrayList<>(Checkers.storeCheckers());
        Checkers.attach(history, checkers);
        process = new StoreProcess(world, node, storeConfig(flushDiskType), history);
        process.onCrash(this::failPending);
        StoreNemesis nemesis = new StoreNemesis(world, process, history);
        this.nemesis = nemesis;
        process.start();
        world.runUntil(process::isUp, 10_000);
        if (!process.isUp()) {
            throw new IllegalStateException("store did not open on a fresh disk");
        }
        Nemesis.scheduleAll(world, schedule, nemesis);
        nemesis.startSupervisor();
        for (int p = 1; p <= PRODUCERS; p++) {
            int producer = p;
            world.schedule(putGapMs(), () -> produce(producer));
        }
        world.schedule(READ_EVERY_MS, this::readTick);
        world.runFor(schedule.faultPhaseMs());

        healed = true;
        long healAtMs = world.nowMs();
        nemesis.healAll();
        world.runUntil(() -> process.isUp() || process.refusedStart(), LIVENESS_BOUND_MS);
        world.runFor(SETTLE_MS);
        int probesAcked = 0;
        boolean drained = false;
        long drainDoneAtMs = -1;
        if (!process.refusedStart()) {
            probesAcked = probe(healAtMs + LIVENESS_BOUND_MS);
            drainDoneAtMs = drain(healAtMs + LIVENESS_BOUND_MS);
            drained = drainDoneAtMs >= 0;
        }
        CheckInput input = new CheckInput(history, flushDiskType, process.config().serveOnlyDurable(), drained,
                process.refusedStart(), healAtMs, LIVENESS_BOUND_MS, PROBES, probesAcked, drainDoneAtMs);
        Map<String, CheckResult> checks = new LinkedHashMap<>(Checkers.finish(input, checkers));
        List<String> thrown = world.taskFailures().stream().map(String::valueOf).toList();
        checks.put("exceptions", new CheckResult("exceptions", thrown.size(), thrown.size(), thrown));
        long wallMs = (System.nanoTime() - wallStart) / 1_000_000;
        return new RunResult(schedule.seed(), name, world.traceHash(), world.nowMs(), wallMs, world.eventCount(),
                checks, nemesis.applied(), schedule, history);
    }

    private Map<String, Integer> nemesisApplied() {
        return nemesis == null ? Map.of() : nemesis.applied();
    }

    /**
     * Puts until {@link #PROBES} are acknowledged or the deadline passes, retrying a failed put after
     * {@link #PROBE_RETRY_MS} (a store may refuse puts for a while after ENOSPC). Returns the acks.
     */
    private int probe(long deadlineMs) {
        int acked = 0;
        while (acked < PROBES && world.nowMs() < deadlineMs) {
            String value = invokePut("probe");
            world.runUntil(() -> !pending.containsKey(value), deadlineMs - world.nowMs());
            if (completions.get(value) == HistoryEntry.Type.OK) {
                acked++;
            } else if (world.nowMs() < deadlineMs) {
                world.runFor(Math.min(PROBE_RETRY_MS, deadlineMs - world.nowMs()));
            }
        }
        return acked;
    }

    private long putGapMs() {
        return random.nextLong(MIN_PUT_GAP_MS, MAX_PUT_GAP_MS + 1);
    }

    private void produce(int producer) {
        if (healed) {
            return;
        }
        if (invoked < schedule.maxOps()) {
            invoked++;
            if (schedule.runsOp(invoked)) {
                invokePut("producer-" + producer);
            } else {
                // A dropped operation still takes its value and draws, so the others stay as they were.
                drawPut("producer-" + producer);
            }
        }
        world.schedule(putGapMs(), () -> produce(producer));
    }

    /** Draws the next put (value, queue, body, properties) without invoking it. */
    private MessageRecord drawPut(String who) {
        String value = who + "-" + (sequence++);
        String topic = TOPICS.get(random.nextInt(TOPICS.size()));
        int queue = random.nextInt(QUEUES);
        byte[] body = (value + "|" + "x".repeat(random.nextInt(300))).getBytes(StandardCharsets.UTF_8);
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("UNIQ_KEY", value);
        if (random.nextBoolean()) {
            properties.put("KEYS", "k" + random.nextInt(10));
        }
        return MessageRecord.builder().topic(topic).queueId(queue).body(body).properties(properties)
                .bornHost(BORN).storeHost(STORE_HOST).bornTimestamp(world.nowMs()).build();
    }

    /** Invokes one put of a fresh unique value; returns the value. */
    private String invokePut(String who) {
        MessageRecord message = drawPut(who);
        String value = message.properties().get("UNIQ_KEY");
        String topic = message.topic();
        int queue = message.queueId();
        byte[] body = message.body();
        HistoryEntry invoke = history.add(world.nowMs(), who, HistoryEntry.Type.INVOKE, "put", value, topic, queue,
                -1, -1, null, contentHash(body, message.propertiesString()), null);
        MessageStore store = process.store();
        if (store == null || !node.isUp()) {
            complete(invoke, HistoryEntry.Type.FAIL, "STORE_DOWN", -1, -1, null);
            return value;
        }
        pending.put(value, invoke);
        node.context().scheduler().execute(() -> put(store, message, invoke));
        return value;
    }

    private void put(MessageStore store, MessageRecord message, HistoryEntry invoke) {
        if (!pending.containsKey(invoke.value())) {
            return;
        }
        PutMessageResult r = store.putMessage(message);
        if (!r.isOk()) {
            pending.remove(invoke.value());
            // UNKNOWN_ERROR may have written part of the record: not a certain failure.
            HistoryEntry.Type type = r.status() == PutMessageStatus.UNKNOWN_ERROR
                    ? HistoryEntry.Type.INFO : HistoryEntry.Type.FAIL;
            complete(invoke, type, r.status().name(), -1, -1, r.errorMessage());
            return;
        }
        if (flushDiskType == FlushDiskType.ASYNC_FLUSH || earlyAck) {
            pending.remove(invoke.value());
            complete(invoke, HistoryEntry.Type.OK, "PUT_OK", r.queueOffset(), r.physicalOffset(),
                    earlyAck ? "acknowledged before the force (broken on purpose)" : null);
            return;
        }
        r.durability().whenComplete((status, error) -> {
            if (pending.remove(invoke.value()) == null) {
                return;
            }
            if (error != null) {
                complete(invoke, HistoryEntry.Type.INFO, "FORCE_FAILED", r.queueOffset(), r.physicalOffset(),
                        String.valueOf(error));
            } else {
                complete(invoke, HistoryEntry.Type.OK, status == FlushStatus.FLUSHED ? "PUT_OK" : status.name(),
                        r.queueOffset(), r.physicalOffset(), null);
            }
        });
    }

    private void complete(HistoryEntry invoke, HistoryEntry.Type type, String status, long queueOffset,
                          long physicalOffset, String detail) {
        completions.put(invoke.value(), type);
        history.add(world.nowMs(), invoke.process(), type, "put", invoke.value(), invoke.topic(), invoke.queue(),
                queueOffset, physicalOffset, status, 0, detail);
    }

    /** A crash leaves every unanswered put indeterminate: it may be in the page cache, or not. */
    private void failPending() {
        List<HistoryEntry> open = new ArrayList<>(pending.values());
        pending.clear();
        for (HistoryEntry invoke : open) {
            complete(invoke, HistoryEntry.Type.INFO, "CRASHED", -1, -1, "no answer before the crash");
        }
    }

    private void readTick() {
        if (healed) {
            return;
        }
        MessageStore store = process.store();
        if (store != null && node.isUp()) {
            node.context().scheduler().execute(() -> {
                if (process.store() == store) {
                    readAll(store, "reader", false);
                }
            });
        }
        world.schedule(READ_EVERY_MS, this::readTick);
    }

    /**
     * Flushes the store and reads every queue from its min offset to its max, on the loop. Returns
     * when it finished (virtual ms), or -1 if the store was not up by {@code deadlineMs}.
     */
    private long drain(long deadlineMs) {
        world.runUntil(process::isUp, Math.max(0, deadlineMs - world.nowMs()));
        MessageStore store = process.store();
        if (store == null) {
            return -1;
        }
        boolean[] flushed = {false};
        node.context().scheduler().execute(() -> store.flush().whenComplete((s, e) -> flushed[0] = true));
        world.runUntil(() -> flushed[0], Math.max(0, deadlineMs - world.nowMs()));
        boolean[] done = {false};
        node.context().scheduler().execute(() -> {
            if (process.store() == store) {
                readAll(store, "drain", true);
                done[0] = true;
            }
        });
        world.runUntil(() -> done[0], Math.max(0, deadlineMs - world.nowMs()));
        return done[0] ? world.nowMs() : -1;
    }

    private void readAll(MessageStore store, String who, boolean fromStart) {
        for (String topic : TOPICS) {
            for (int queue = 0; queue < QUEUES; queue++) {
                String key = topic + "/" + queue;
                long offset = fromStart ? store.getMinOffsetInQueue(topic, queue) : readCursors.getOrDefault(key, 0L);
                offset = readQueue(store, who, topic, queue, offset);
                if (!fromStart) {
                    readCursors.put(key, offset);
                }
            }
        }
    }

    private long readQueue(MessageStore store, String who, String topic, int queue, long offset) {
        for (int i = 0; i < MAX_READS_PER_QUEUE; i++) {
            GetMessageResult r = store.getMessage(topic, queue, offset, READ_BATCH, 1 << 20, MessageFilter.ALL);
            GetMessageStatus s = r.status();
            if (s == GetMessageStatus.FOUND) {
                long at = offset;
                for (ByteBuffer b : r.messages()) {
                    recordRead(who, topic, queue, at++, b);
                }
                offset = Math.max(offset + 1, r.nextBeginOffset());
            } else if (s == GetMessageStatus.OFFSET_OVERFLOW_BADLY || s == GetMessageStatus.OFFSET_TOO_SMALL) {
                // A consumer past the end (the queue shrank after a power loss) or before the start corrects its offset.
                return s == GetMessageStatus.OFFSET_OVERFLOW_BADLY ? r.maxOffset() : r.nextBeginOffset();
            } else if ((s == GetMessageStatus.OFFSET_FOUND_NULL || s == GetMessageStatus.NO_MATCHED_MESSAGE)
                    && offset < r.maxOffset()) {
                offset = Math.max(offset + 1, r.nextBeginOffset());
            } else {
                return offset;
            }
        }
        return offset;
    }

    private void recordRead(String who, String topic, int queue, long expectedOffset, ByteBuffer raw) {
        MessageRecord m;
        try {
            m = MessageRecordCodec.decode(raw.duplicate(), true);
        } catch (RuntimeException corrupt) {
            history.add(world.nowMs(), who, HistoryEntry.Type.READ, "read", null, topic, queue, expectedOffset, -1,
                    "CORRUPT", 0, String.valueOf(corrupt));
            return;
        }
        String body = new String(m.body(), StandardCharsets.UTF_8);
        int bar = body.indexOf('|');
        String value = bar < 0 ? body : body.substring(0, bar);
        history.add(world.nowMs(), who, HistoryEntry.Type.READ, "read", value, m.topic(), m.queueId(), m.queueOffset(),
                m.commitLogOffset(), "FOUND", contentHash(m.body(), m.propertiesString()), raw.remaining(), null);
    }

    static long contentHash(byte[] body, String properties) {
        return TraceHash.mix(TraceHash.hashOf(body, 0, body.length) * 31 + TraceHash.hashOf(properties));
    }
}
