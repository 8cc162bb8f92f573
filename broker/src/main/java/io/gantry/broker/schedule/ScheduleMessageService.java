package io.gantry.broker.schedule;

import io.gantry.broker.persist.ConfigPersister;
import io.gantry.broker.persist.JsonConfigFile;
import io.gantry.broker.topic.TopicNames;
import io.gantry.protocol.body.DelayOffsetSerializeWrapper;
import io.gantry.protocol.message.MessageConst;
import io.gantry.protocol.message.MessageRecord;
import io.gantry.protocol.message.MessageRecordCodec;
import io.gantry.runtime.Cancellable;
import io.gantry.runtime.Clock;
import io.gantry.runtime.Scheduler;
import io.gantry.store.FlushStatus;
import io.gantry.store.GetMessageResult;
import io.gantry.store.GetMessageStatus;
import io.gantry.store.MessageFilter;
import io.gantry.store.MessageStore;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers delayed messages. A message sent with {@code DELAY=n} is stored in
 * {@code SCHEDULE_TOPIC_XXXX} queue n-1 with its real topic and queue in {@code REAL_TOPIC} /
 * {@code REAL_QID}; every tick this service reads each level's queue from its progress offset and
 * re-writes, to the real topic and queue, every message whose store time plus the level's delay has
 * passed (a level's queue is in store-time order, so the first message not yet due stops the level).
 * The delivered copy keeps its properties (DELAY, REAL_TOPIC, REAL_QID included), as RocketMQ's does.
 * Progress per level is saved to {@code delayOffset.json} every {@link #SAVE_INTERVAL_MS} and at
 * shutdown, so a crash may deliver a message twice, never lose it. The saved progress only covers
 * messages whose delivered copy is durable (its put's durability future completed FLUSHED): the copy
 * is written without waiting for a force, so saving the in-memory progress would let a power loss
 * take the copy while the file says it was delivered (two-groups seed 133). Lives on the broker's loop.
 *
 * <p>Does not guarantee: delivery exactly at the due time (up to a tick late, later when busy); due
 * times measured on a steady clock (they are wall-clock store times, so a clock jump moves them).
 */
public final class ScheduleMessageService {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduleMessageService.class);
    /** How often levels are checked. */
    public static final long TICK_MS = 100;
    /** How often progress is saved. */
    public static final long SAVE_INTERVAL_MS = 10_000;
    /** Most messages one level delivers per tick. */
    static final int MAX_PER_TICK = 64;

    private final Scheduler scheduler;
    private final Clock clock;
    private final MessageStore store;
    private final DelayLevels levels;
    private final Function<MessageRecord, CompletableFuture<FlushStatus>> deliver;
    private final JsonConfigFile<DelayOffsetSerializeWrapper> file;
    private final ConfigPersister<DelayOffsetSerializeWrapper> persister;
    /** Per level, the next offset to deliver (in memory, ahead of what is durable). */
    private final Map<Integer, Long> offsets = new TreeMap<>();
    /** Per level, the offset below which every delivered copy is durable: what is saved. */
    private final Map<Integer, Long> durableOffsets = new TreeMap<>();
    /** Per level, the durability of the last copy written; later progress waits for it. */
    private final Map<Integer, CompletableFuture<FlushStatus>> lastWrites = new TreeMap<>();
    private boolean dirty;
    /**
     * "Now" on the store's time base: store timestamps never go backwards (they keep the highest wall
     * time seen), so after the wall clock jumps back a fresh record can carry a time ahead of the wall
     * clock. This clock never goes back either: it advances with monotonic time, follows the wall clock
     * forward, and is raised to any held record's timestamp (a record cannot be stored in the future).
     */
    private long storeNowMs = Long.MIN_VALUE;
    private long lastTickMonotonicMs;
    private Cancellable tick;
    private Cancellable save;

    /**
     * @param deliver writes the restored message to its real queue and returns the put's durability
     *                future; null if the store refused it (the level then stops and retries the same
     *                message next tick)
     */
    public ScheduleMessageService(Scheduler scheduler, Clock clock, MessageStore store, DelayLevels levels,
                                  JsonConfigFile<DelayOffsetSerializeWrapper> file,
                                  Function<MessageRecord, CompletableFuture<FlushStatus>> deliver) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.store = Objects.requireNonNull(store, "store");
        this.levels = Objects.requireNonNull(levels, "levels");
        this.file = Objects.requireNonNull(file, "file");
        this.deliver = Objects.requireNonNull(deliver, "deliver");
        this.persister = new ConfigPersister<>(scheduler, file, () -> new DelayOffsetSerializeWrapper(new TreeMap<>(durableOffsets)));
    }

    /** Loads the saved progress (blocking read, at start-up) and starts ticking. */
    public void start() throws IOException {
        DelayOffsetSerializeWrapper saved = file.read();
        if (saved != null) {
            saved.offsetTable().forEach((level, offset) -> {
                if (level != null && offset != null && level >= 1 && level <= levels.maxLevel()) {
                    offsets.put(level, offset);
                    durableOffsets.put(level, offset);
                }
            });
        }
        tick = scheduler.schedulePeriodic(TICK_MS, TICK_MS, this::tick);
        save = scheduler.schedulePeriodic(SAVE_INTERVAL_MS, SAVE_INTERVAL_MS, this::saveIfDirty);
    }

    /** Delivers what is due now, on every level. */
    void tick() {
        long monotonicMs = clock.monotonicMs();
        long wallMs = clock.wallClockMs();
        storeNowMs = storeNowMs == Long.MIN_VALUE ? wallMs
                : Math.max(wallMs, storeNowMs + Math.max(0, monotonicMs - lastTickMonotonicMs));
        lastTickMonotonicMs = monotonicMs;
        for (int level = 1; level <= levels.maxLevel(); level++) {
            deliverDue(level);
        }
    }

    private void deliverDue(int level) {
        long offset = offsets.getOrDefault(level, 0L);
        for (int i = 0; i < MAX_PER_TICK; i++) {
            GetMessageResult result = store.getMessage(TopicNames.SCHEDULE_TOPIC, level - 1, offset, 1, Integer.MAX_VALUE,
                    MessageFilter.ALL);
            if (result.status() != GetMessageStatus.FOUND) {
                if (result.status() == GetMessageStatus.OFFSET_TOO_SMALL
                        || result.status() == GetMessageStatus.OFFSET_OVERFLOW_BADLY
                        || result.status() == GetMessageStatus.MESSAGE_WAS_REMOVING) {
                    offset = result.nextBeginOffset();
                }
                break;
            }
            MessageRecord held = MessageRecordCodec.decode(result.messages().get(0).duplicate());
            storeNowMs = Math.max(storeNowMs, held.storeTimestamp());
            if (held.storeTimestamp() + levels.delayMs(level) > storeNowMs) {
                break;
            }
            MessageRecord restored = restore(held);
            if (restored != null) {
                CompletableFuture<FlushStatus> durability = deliver.apply(restored);
                if (durability == null) {
                    break;
                }
                lastWrites.put(level, durability);
            }
            offset = result.nextBeginOffset();
        }
        if (offset != offsets.getOrDefault(level, 0L)) {
            offsets.put(level, offset);
            markDurableWhenWritten(level, offset);
        }
    }

    /**
     * Lets the saved progress of {@code level} reach {@code offset} once the last copy written for the
     * level is durable. Forces cover the commit log in order, so that copy being durable means every
     * earlier one is. A failed or timed-out force leaves the saved progress where it was (a later
     * durable copy moves it on): the messages are delivered again after a restart, never lost.
     */
    private void markDurableWhenWritten(int level, long offset) {
        CompletableFuture<FlushStatus> last = lastWrites.get(level);
        if (last == null || (last.isDone() && !last.isCompletedExceptionally() && last.join() == FlushStatus.FLUSHED)) {
            lastWrites.remove(level);
            raiseDurable(level, offset);
            return;
        }
        last.whenComplete((status, failure) -> scheduler.execute(() -> {
            if (failure == null && status == FlushStatus.FLUSHED) {
                raiseDurable(level, offset);
            }
        }));
    }

    private void raiseDurable(int level, long offset) {
        if (offset > durableOffsets.getOrDefault(level, 0L)) {
            durableOffsets.put(level, offset);
            dirty = true;
        }
    }

    /** The message for its real queue, or null (logged, skipped) if its REAL_* properties are unusable. */
    private static MessageRecord restore(MessageRecord held) {
        String topic = held.property(MessageConst.PROPERTY_REAL_TOPIC);
        String queue = held.property(MessageConst.PROPERTY_REAL_QUEUE_ID);
        int queueId;
        try {
            queueId = Integer.parseInt(queue);
        } catch (NumberFormatException e) {
            queueId = -1;
        }
        if (topic == null || TopicNames.whyIllegal(topic) != null || queueId < 0) {
            LOG.warn("delayed message at commit-log offset {} has no usable REAL_TOPIC/REAL_QID; dropped",
                    held.commitLogOffset());
            return null;
        }
        return MessageRecord.builder().topic(topic).queueId(queueId).sysFlag(held.sysFlag())
                .bornTimestamp(held.bornTimestamp()).bornHost(held.bornHost()).storeHost(held.storeHost())
                .reconsumeTimes(held.reconsumeTimes()).flag(held.flag()).body(held.body())
                .propertiesString(held.propertiesString()).build();
    }

    private void saveIfDirty() {
        if (dirty) {
            dirty = false;
            persister.requestSave();
        }
    }

    /** Stops ticking and saves the progress; the future completes when it is written. */
    public java.util.concurrent.CompletableFuture<Void> shutdown() {
        if (tick != null) {
            tick.cancel();
            save.cancel();
        }
        return persister.requestSave();
    }

    /** The progress of every level, for GET_ALL_DELAY_OFFSET. */
    public DelayOffsetSerializeWrapper snapshot() {
        return new DelayOffsetSerializeWrapper(new TreeMap<>(durableOffsets));
    }

    /** A slave takes its master's progress as it is (RocketMQ overwrites the delay offsets). */
    public void replaceFromMaster(DelayOffsetSerializeWrapper master) {
        if (master == null || master.offsetTable() == null) {
            return;
        }
        Map<Integer, Long> fresh = new TreeMap<>();
        master.offsetTable().forEach((level, offset) -> {
            if (level != null && offset != null && level >= 1 && level <= levels.maxLevel() && offset >= 0) {
                fresh.put(level, offset);
            }
        });
        if (!fresh.equals(offsets) || !fresh.equals(durableOffsets)) {
            offsets.clear();
            offsets.putAll(fresh);
            durableOffsets.clear();
            durableOffsets.putAll(fresh);
            lastWrites.clear();
            dirty = true;
        }
    }

    /** Progress of a level that is saved (every copy below it durable), for tests. */
    public long durableOffset(int level) {
        return durableOffsets.getOrDefault(level, 0L);
    }

    /** Progress of a level (next offset to deliver), for tests. */
    public long offset(int level) {
        return offsets.getOrDefault(level, 0L);
    }
}
