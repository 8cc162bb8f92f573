package io.gantry.property;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.protocol.message.HostAddress;
import io.gantry.protocol.message.MessageRecord;
import io.gantry.protocol.message.MessageRecordCodec;
import io.gantry.runtime.NodeContext;
import io.gantry.simulation.SimConfig;
import io.gantry.simulation.SimNode;
import io.gantry.simulation.SimWorld;
import io.gantry.simulation.choice.Choices;
import io.gantry.simulation.choice.Many;
import io.gantry.simulation.choice.PropertyRunner;
import io.gantry.store.FlushDiskType;
import io.gantry.store.FlushStatus;
import io.gantry.store.GetMessageResult;
import io.gantry.store.GetMessageStatus;
import io.gantry.store.MessageFilter;
import io.gantry.store.MessageStore;
import io.gantry.store.PutMessageResult;
import io.gantry.store.PutMessageStatus;
import io.gantry.store.StoreConfig;
import io.gantry.store.StoreCorruptionException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The store's crash-consistency property, on the simulated disk: random puts (single and batch),
 * time passing (periodic flushes and checkpoints), process crashes, power losses that tear
 * unforced writes at sector boundaries, clean restarts and injected fsync failures, checked
 * against a simple model after every restart:
 * <ul>
 *   <li>every record whose durability future said FLUSHED is present, byte for byte, at its offset;</li>
 *   <li>no record appears that was never put;</li>
 *   <li>each queue's offsets are contiguous from its min offset, and a queue offset once given to
 *       a durable record never names another message;</li>
 *   <li>consume queues and index agree with the commit log;</li>
 *   <li>after a failed fsync, no put reports success until a restart.</li>
 * </ul>
 */
class StoreCrashConsistencyTest {
    private static final HostAddress BORN = HostAddress.of(new byte[] {10, 0, 0, 1}, 50000);
    private static final HostAddress STORE = HostAddress.of(new byte[] {10, 0, 0, 2}, 10911);
    private static final List<String> TOPICS = List.of("TopicA", "TopicB");
    private static final int QUEUES = 3;

    @Test
    void durableRecordsSurviveCrashesAndPowerLoss() {
        PropertyRunner runner = PropertyRunner.fromSystemProperties().withMaxShrinkAttempts(200);
        if (System.getProperty(PropertyRunner.CASES_PROPERTY) == null) {
            runner = runner.withCases(1000);
        }
        runner.check("store crash consistency", c -> new Scenario(c).run());
    }

    @Test
    void aScenarioReplaysToTheSameTrace() throws Exception {
        for (long seed = 1; seed <= 5; seed++) {
            Scenario first = new Scenario(Choices.generating(new java.util.SplittableRandom(seed)));
            first.run();
            Scenario second = new Scenario(Choices.generating(new java.util.SplittableRandom(seed)));
            second.run();
            assertThat(second.world.traceHash()).as("seed " + seed).isEqualTo(first.world.traceHash());
            assertThat(second.world.eventCount()).isEqualTo(first.world.eventCount());
        }
    }

    /** One put as the model remembers it. */
    private record Put(String topic, int queueId, String body, String properties) {
    }

    private static final class Scenario {
        private final Choices c;
        private final SimWorld world;
        private final SimNode node;
        private final StoreConfig config;
        private MessageStore store;
        /** Every message ever put and accepted, by its (unique) body. */
        private final Map<String, Put> everPut = new LinkedHashMap<>();
        /** Acknowledged durable: commit-log offset -> put. */
        private final TreeMap<Long, Put> durable = new TreeMap<>();
        /** Acknowledged durable: "topic/queue" -> queue offset -> body. */
        private final Map<String, TreeMap<Long, String>> durableOwners = new TreeMap<>();
        /** Where each accepted put landed in the current incarnation: body -> {physical, queue offset}. */
        private final Map<String, long[]> placed = new LinkedHashMap<>();
        private int sequence;
        private boolean forceFailureInjected;

        Scenario(Choices c) {
            this.c = c;
            // fsync from 2 ms to slower than syncFlushTimeout, so FLUSH_DISK_TIMEOUT happens too.
            long forceMicros = c.pick(List.of(2_000L, 40_000L, 6_000_000L));
            this.world = new SimWorld(SimConfig.defaults(c.longBetween(0, 1L << 40))
                    .withDiskLatencyMicros(20, forceMicros));
            this.node = world.addNode("broker");
            FlushDiskType flush = c.bool() ? FlushDiskType.SYNC_FLUSH : FlushDiskType.ASYNC_FLUSH;
            this.config = StoreConfig.builder()
                    .mappedFileSizeCommitLog(c.pick(List.of(4096, 8192, 65536)))
                    .mappedFileSizeConsumeQueue(20 * c.intBetween(2, 12))
                    .maxMessageSize(2048)
                    .maxHashSlotNum(c.intBetween(1, 32))
                    .maxIndexNum(c.intBetween(2, 64))
                    .flushDiskType(flush)
                    .serveOnlyDurable(c.bool())
                    .build();
            c.note("config " + config + ", force latency " + forceMicros + " us");
        }

        void run() {
            boot();
            Many steps = c.many(1, 80);
            while (steps.more()) {
                switch (c.weighted(40, 10, 15, 6, 8, 4, 3, 2, 10)) {
                    case 0 -> put(1);
                    case 1 -> put(c.intBetween(2, 5));
                    case 2 -> advance(c.intBetween(1, 1500));
                    case 3 -> restart("crash", () -> node.crash());
                    case 4 -> restart("power loss", () -> node.powerLoss());
                    case 5 -> cleanRestart();
                    case 6 -> injectForceFailure();
                    case 7 -> injectWriteFailure();
                    default -> consume();
                }
            }
            advance(c.intBetween(0, 1200));
            restart("final power loss", () -> node.powerLoss());
        }

        private void boot() {
            NodeContext ctx = node.restart();
            placed.clear();
            boolean injected = forceFailureInjected;
            Exception[] failed = new Exception[1];
            store = onLoop(ctx, () -> {
                try {
                    MessageStore s = MessageStore.open(ctx, config);
                    s.start();
                    return s;
                } catch (StoreCorruptionException e) {
                    throw new AssertionError("recovery refused: " + e, e);
                } catch (Exception e) {
                    failed[0] = e;
                    return null;
                }
            });
            if (store == null) {
                // An injected disk failure may hit recovery itself: refusing to start is right; retry.
                assertThat(injected).as("start-up failed without an injected fault: " + failed[0]).isTrue();
                c.note("start-up hit the injected disk failure; restarting");
                node.crash();
                boot();
                return;
            }
            forceFailureInjected = false;
            verify();
        }

        private void restart(String how, Runnable kill) {
            c.note(how);
            kill.run();
            boot();
        }

        private void cleanRestart() {
            c.note("clean shutdown");
            NodeContext ctx = node.context();
            boolean[] done = {false};
            onLoop(ctx, () -> {
                store.shutdown().whenComplete((v, e) -> done[0] = true);
                return null;
            });
            world.runUntil(() -> done[0], 600_000);
            node.crash();
            boot();
        }

        private void injectForceFailure() {
            c.note("next force fails");
            node.disk().faults().failNextForces(1);
            forceFailureInjected = true;
        }

        private void injectWriteFailure() {
            c.note("next write fails");
            node.disk().faults().failNextWrites(1);
            forceFailureInjected = true;
        }

        /**
         * Reads a queue. Under the durable-read rule whatever a consumer sees must survive any
         * crash, so it joins the durable set.
         */
        private void consume() {
            String topic = c.pick(TOPICS);
            int queueId = c.intBetween(0, QUEUES - 1);
            c.note("consume " + topic + "/" + queueId);
            NodeContext ctx = node.context();
            List<MessageRecord> seen = onLoop(ctx, () -> {
                long offset = store.getMinOffsetInQueue(topic, queueId);
                GetMessageResult r = store.getMessage(topic, queueId, offset, 32, 1 << 20, MessageFilter.ALL);
                List<MessageRecord> out = new ArrayList<>();
                r.messages().forEach(b -> out.add(MessageRecordCodec.decode(b.duplicate(), true)));
                return out;
            });
            for (MessageRecord m : seen) {
                Put p = everPut.get(new String(m.body(), StandardCharsets.UTF_8));
                assertThat(p).as("consumed a record never put").isNotNull();
                if (config.serveOnlyDurable()) {
                    markDurable(p, new long[] {m.commitLogOffset(), m.queueOffset()});
                }
            }
        }

        private void advance(int ms) {
            c.note("advance " + ms + " ms");
            world.runFor(ms);
        }

        private void put(int count) {
            NodeContext ctx = node.context();
            String topic = c.pick(TOPICS);
            int queueId = c.intBetween(0, QUEUES - 1);
            List<MessageRecord> batch = new ArrayList<>();
            List<Put> puts = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String body = "m" + (sequence++) + "-" + "x".repeat(c.intBetween(0, 400));
                Map<String, String> props = new LinkedHashMap<>();
                if (c.bool()) {
                    props.put("KEYS", "k" + c.intBetween(0, 9) + " k" + c.intBetween(10, 19));
                }
                props.put("UNIQ_KEY", "U" + sequence);
                if (c.bool()) {
                    props.put("TAGS", c.pick(List.of("TagA", "TagB")));
                }
                MessageRecord m = MessageRecord.builder().topic(topic).queueId(queueId)
                        .body(body.getBytes(StandardCharsets.UTF_8)).properties(props)
                        .bornHost(BORN).storeHost(STORE).bornTimestamp(1).build();
                batch.add(m);
                puts.add(new Put(topic, queueId, body, m.propertiesString()));
            }
            PutMessageResult result = onLoop(ctx, () -> {
                boolean readOnly = store.readOnlyReason() != null;
                PutMessageResult r = count == 1 ? store.putMessage(batch.get(0)) : store.putMessages(batch);
                if (readOnly) {
                    assertThat(r.status()).as("a read-only store must refuse puts").isNotEqualTo(PutMessageStatus.PUT_OK);
                }
                return r;
            });
            c.note("put " + count + " to " + topic + "/" + queueId + ": " + result.status());
            if (!result.isOk()) {
                return;
            }
            List<long[]> where = new ArrayList<>();
            onLoop(ctx, () -> {
                long physical = result.physicalOffset();
                for (int i = 0; i < batch.size(); i++) {
                    MessageRecord stored = store.getMessageByOffset(physical);
                    // Readable at once unless consumers only see durable records.
                    if (!config.serveOnlyDurable()) {
                        assertThat(stored).as("just-put record at " + physical).isNotNull();
                        assertThat(new String(stored.body(), StandardCharsets.UTF_8)).isEqualTo(puts.get(i).body());
                    }
                    where.add(new long[] {physical, result.queueOffset() + i});
                    physical += batch.get(i).toBuilder().build().storeSize();
                }
                return null;
            });
            for (int i = 0; i < puts.size(); i++) {
                everPut.put(puts.get(i).body(), puts.get(i));
                placed.put(puts.get(i).body(), where.get(i));
            }
            result.durability().whenComplete((status, error) -> {
                if (error == null && status == FlushStatus.FLUSHED) {
                    for (int i = 0; i < puts.size(); i++) {
                        markDurable(puts.get(i), where.get(i));
                    }
                }
            });
        }

        private void markDurable(Put p, long[] where) {
            Put previous = durable.put(where[0], p);
            assertThat(previous == null || previous.equals(p))
                    .as("commit-log offset " + where[0] + " acknowledged for two messages").isTrue();
            String prior = durableOwners.computeIfAbsent(p.topic() + "/" + p.queueId(), k -> new TreeMap<>())
                    .put(where[1], p.body());
            assertThat(prior == null || prior.equals(p.body()))
                    .as("queue offset " + where[1] + " of " + p.topic() + "/" + p.queueId() + " acknowledged twice")
                    .isTrue();
        }

        private void verify() {
            NodeContext ctx = node.context();
            onLoop(ctx, () -> {
                for (Map.Entry<Long, Put> e : durable.entrySet()) {
                    MessageRecord r = store.getMessageByOffset(e.getKey());
                    Put p = e.getValue();
                    assertThat(r).as("durable record at " + e.getKey() + " (" + p.body() + ") is gone").isNotNull();
                    assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(p.body());
                    assertThat(r.topic()).isEqualTo(p.topic());
                    assertThat(r.queueId()).isEqualTo(p.queueId());
                    assertThat(r.propertiesString()).isEqualTo(p.properties());
                    assertThat(r.queueOffset()).isEqualTo(durableOwners.get(p.topic() + "/" + p.queueId()).entrySet()
                            .stream().filter(o -> o.getValue().equals(p.body())).findFirst().orElseThrow().getKey());
                    String uniq = "U" + p.properties().replaceAll(".*UNIQ_KEY\u0001U", "").replaceAll("\u0002.*", "");
                    assertThat(store.queryMessage(p.topic(), uniq, 64, 0, Long.MAX_VALUE).messages())
                            .as("index finds durable " + uniq).anyMatch(b -> b.getLong(28) == e.getKey());
                }
                for (String topic : TOPICS) {
                    for (int q = 0; q < QUEUES; q++) {
                        verifyQueue(topic, q);
                    }
                }
                return null;
            });
        }

        private void verifyQueue(String topic, int queueId) {
            long min = store.getMinOffsetInQueue(topic, queueId);
            long max = store.getMaxOffsetInQueue(topic, queueId);
            assertThat(min).isZero(); // nothing is old enough for retention here
            TreeMap<Long, String> owners = durableOwners.getOrDefault(topic + "/" + queueId, new TreeMap<>());
            if (!owners.isEmpty()) {
                assertThat(max).as(topic + "/" + queueId + " lost durable offsets").isGreaterThan(owners.lastKey());
            }
            long offset = min;
            while (offset < max) {
                GetMessageResult r = store.getMessage(topic, queueId, offset, 32, 1 << 20, MessageFilter.ALL);
                assertThat(r.status()).as(topic + "/" + queueId + " at " + offset).isEqualTo(GetMessageStatus.FOUND);
                for (var bytes : r.messages()) {
                    MessageRecord m = MessageRecordCodec.decode(bytes.duplicate(), true);
                    String body = new String(m.body(), StandardCharsets.UTF_8);
                    assertThat(m.queueOffset()).as("contiguous offsets in " + topic + "/" + queueId).isEqualTo(offset);
                    Put p = everPut.get(body);
                    assertThat(p).as("record " + body + " was never put").isNotNull();
                    assertThat(p.topic()).isEqualTo(topic);
                    assertThat(p.queueId()).isEqualTo(queueId);
                    assertThat(m.propertiesString()).isEqualTo(p.properties());
                    String owner = owners.get(offset);
                    if (owner != null) {
                        assertThat(body).as("queue offset " + offset + " reused").isEqualTo(owner);
                    }
                    offset++;
                }
                assertThat(r.nextBeginOffset()).isEqualTo(offset);
            }
            assertThat(store.getMessage(topic, queueId, max, 32, 1 << 20, MessageFilter.ALL).status())
                    .isIn(GetMessageStatus.OFFSET_OVERFLOW_ONE, GetMessageStatus.NO_MESSAGE_IN_QUEUE,
                            GetMessageStatus.NO_MATCHED_LOGIC_QUEUE);
        }

        /** Runs {@code action} on the node's loop and returns its result. */
        private <T> T onLoop(NodeContext ctx, Supplier<T> action) {
            Object[] out = new Object[1];
            boolean[] done = {false};
            RuntimeException[] failure = new RuntimeException[1];
            Error[] error = new Error[1];
            ctx.scheduler().execute(() -> {
                try {
                    out[0] = action.get();
                } catch (RuntimeException e) {
                    failure[0] = e;
                } catch (Error e) {
                    error[0] = e;
                }
                done[0] = true;
            });
            world.runUntil(() -> done[0], 10_000);
            if (error[0] != null) {
                throw error[0];
            }
            if (failure[0] != null) {
                throw failure[0];
            }
            assertThat(done[0]).as("loop task ran").isTrue();
            @SuppressWarnings("unchecked")
            T result = (T) out[0];
            return result;
        }
    }

}
