package io.gantry.store;

import io.gantry.protocol.message.MessageConst;
import io.gantry.protocol.message.MessageRecord;
import io.gantry.protocol.message.MessageRecordCodec;
import io.gantry.runtime.Clock;
import io.gantry.runtime.Disk;
import io.gantry.runtime.DiskFullException;
import io.gantry.runtime.NodeContext;
import io.gantry.runtime.Scheduler;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's store: put messages, read them by queue offset, physical offset or key, and keep
 * them durable across crashes. A facade over {@link CommitLog}, the {@link ConsumeQueue}s,
 * {@link IndexService}, the flushers, recovery and retention.
 *
 * <p>Life cycle: {@link #open} recovers the files (blocking: call it through
 * {@link Scheduler#offload} or before the loop serves anything), then {@link #start} on the loop
 * starts the timers, and {@link #shutdown} flushes everything and removes the abort marker.
 * Every other method must be called on the node's loop.
 *
 * <p>Durability: a put returns at once with its offsets and a durability future. Under
 * SYNC_FLUSH the future completes when a group-commit force covers the record (or
 * FLUSH_DISK_TIMEOUT after syncFlushTimeout); under ASYNC_FLUSH when the periodic force does. A
 * failed force fails the future and turns the store read-only: later puts get
 * SERVICE_NOT_AVAILABLE. With {@code serveOnlyDurable} (default for SYNC_FLUSH) consumers only
 * see records whose force has returned.
 *
 * <p>Does not: decompress, filter by SQL92, replicate, or handle transactions beyond not
 * queueing prepared/rollback records.
 */
public final class MessageStore {
    private static final Logger LOG = LoggerFactory.getLogger(MessageStore.class);
    private static final int MAX_TOPIC_BYTES = 127;
    /** Most consume-queue entries one read scans past filtered-out messages. */
    private static final int MAX_SCANNED_ENTRIES = 800;

    private final Scheduler scheduler;
    private final Clock clock;
    private final Disk disk;
    private final StoreConfig config;
    private final StoreHealth health;
    private final CommitLog commitLog;
    private final ConsumeQueueTable queues;
    private final IndexService index;
    private final Dispatcher dispatcher;
    private final QueueOffsetTable offsets;
    private final Flusher commitFlusher;
    private final LogicalFlushService logicalFlush;
    private final RetentionService retention;
    private final AbortMarker abort;
    private final StoreRecovery.Result recovery;
    private long putMessageCount;
    private long putMessageBytes;
    private long getMessageCount;
    private long getMessageFoundCount;
    private boolean started;
    private boolean shutDown;

    private MessageStore(NodeContext ctx, StoreConfig config, StoreHealth health, CommitLog commitLog,
                         ConsumeQueueTable queues, IndexService index, Dispatcher dispatcher, Checkpoint checkpoint,
                         AbortMarker abort, StoreRecovery.Result recovery) {
        this.scheduler = ctx.scheduler();
        this.clock = ctx.clock();
        this.disk = ctx.disk();
        this.config = config;
        this.health = health;
        this.commitLog = commitLog;
        this.queues = queues;
        this.index = index;
        this.dispatcher = dispatcher;
        this.abort = abort;
        this.recovery = recovery;
        this.offsets = new QueueOffsetTable();
        for (ConsumeQueue q : queues.all()) {
            offsets.set(q.topic(), q.queueId(), q.maxOffset());
        }
        if (config.flushDiskType() == FlushDiskType.SYNC_FLUSH) {
            this.commitFlusher = new GroupCommitFlusher(scheduler, commitLog.file(), health,
                    config.syncFlushTimeout(), this::onCommitLogDurable);
        } else {
            this.commitFlusher = new PeriodicFlusher(scheduler, commitLog.file(), health,
                    config.flushIntervalCommitLog(), "commit log", this::onCommitLogDurable);
        }
        this.logicalFlush = new LogicalFlushService(scheduler, queues, index, checkpoint, commitLog.file(), dispatcher,
                health, config.flushIntervalConsumeQueue(), recovery.checkpoint());
        this.retention = new RetentionService(scheduler, disk, config, commitLog, queues, index, dispatcher,
                logicalFlush);
    }

    /**
     * Opens the store under {@code config.storePathRootDir()} on the node's disk and recovers it.
     * Blocking. After a crash (abort marker present) recovery re-reads everything after the
     * checkpoint; see {@link StoreRecovery}.
     *
     * @throws StoreCorruptionException if files are damaged below what was durable; names file and offset
     */
    public static MessageStore open(NodeContext ctx, StoreConfig config) throws IOException {
        Disk disk = ctx.disk();
        String root = config.storePathRootDir();
        disk.createDirectories(root);
        AbortMarker abort = new AbortMarker(disk, root);
        boolean abnormal = abort.present();
        Checkpoint checkpoint = new Checkpoint(disk, root);
        CheckpointData cp = checkpoint.load();
        StoreHealth health = new StoreHealth();
        CommitLog commitLog = new CommitLog(SegmentedFile.open(disk, root + "/commitlog",
                config.mappedFileSizeCommitLog(), 0));
        ConsumeQueueTable queues = new ConsumeQueueTable(disk, root + "/consumequeue",
                config.mappedFileSizeConsumeQueue());
        queues.load();
        IndexService index = null;
        if (config.messageIndexEnable()) {
            index = new IndexService(disk, root + "/index", config.maxHashSlotNum(), config.maxIndexNum(), ctx.clock());
            index.load();
        }
        Dispatcher dispatcher = new Dispatcher(queues, index, health, commitLog.minOffset());
        StoreRecovery.Result result = StoreRecovery.recover(commitLog, queues, index, dispatcher, checkpoint, cp,
                abnormal, config.checkCRCOnRecover());
        abort.create();
        int slash = root.lastIndexOf('/');
        disk.syncDirectory(root);
        disk.syncDirectory(slash < 0 ? "" : root.substring(0, slash));
        LOG.info("store {} opened: commit log [{}, {}), {} queues, {} shutdown", root, commitLog.minOffset(),
                commitLog.writePosition(), queues.all().size(), abnormal ? "abnormal" : "clean");
        return new MessageStore(ctx, config, health, commitLog, queues, index, dispatcher, checkpoint, abort, result);
    }

    /** Starts flushing, checkpointing and retention timers. On the loop. */
    public void start() {
        assert scheduler.inLoop();
        if (started) {
            return;
        }
        started = true;
        commitFlusher.start();
        logicalFlush.start();
        retention.start();
    }

    /**
     * Stops the timers, forces the commit log, dispatches and forces queues and index, stores the
     * checkpoint, and deletes the abort marker so the next start is a clean one. Puts are refused
     * from the call on. On the loop; completes on the loop.
     */
    public CompletableFuture<Void> shutdown() {
        assert scheduler.inLoop();
        if (shutDown) {
            return CompletableFuture.completedFuture(null);
        }
        shutDown = true;
        commitFlusher.stop();
        logicalFlush.stop();
        retention.stop();
        CompletableFuture<Void> flushed = commitFlusher.flushNow()
                .thenCompose(status -> {
                    dispatcher.dispatchUpTo(commitLog.file().durablePosition());
                    return logicalFlush.flushNow();
                })
                // Only a fully flushed store may start clean next time: the abort marker stays otherwise.
                .thenCompose(v -> scheduler.offload(() -> {
                    abort.delete();
                    return null;
                }));
        return flushed.handle((v, error) -> error)
                .thenCompose(error -> scheduler.offload(() -> {
                    closeFiles();
                    return null;
                }).thenApply(v -> {
                    if (error != null) {
                        throw new StoreFailedException("shutdown could not flush; the next start recovers", error);
                    }
                    return null;
                }));
    }

    /** Closes files without flushing (what a crash leaves behind); for tests and the simulation. */
    public void closeWithoutFlush() throws IOException {
        shutDown = true;
        commitFlusher.stop();
        logicalFlush.stop();
        retention.stop();
        closeFiles();
    }

    private void closeFiles() throws IOException {
        commitLog.close();
        queues.close();
        if (index != null) {
            index.close();
        }
    }

    private void onCommitLogDurable(long durableOffset) {
        if (config.serveOnlyDurable()) {
            dispatcher.dispatchUpTo(durableOffset);
        }
    }

    /** Appends one message. {@code message} carries everything but offsets, store time and CRC. */
    public PutMessageResult putMessage(MessageRecord message) {
        return putMessages(List.of(message));
    }

    /**
     * Appends a batch as consecutive records with consecutive queue offsets, in one write. The
     * result carries the first record's offsets and every record's offsetMsgId, comma-joined.
     */
    public PutMessageResult putMessages(List<MessageRecord> messages) {
        assert scheduler.inLoop();
        if (shutDown) {
            return PutMessageResult.failed(PutMessageStatus.SERVICE_NOT_AVAILABLE, "store is shut down");
        }
        if (!health.isWritable()) {
            return PutMessageResult.failed(PutMessageStatus.SERVICE_NOT_AVAILABLE,
                    "store is read-only: " + health.readOnlyReason());
        }
        if (retention.diskFull()) {
            return PutMessageResult.failed(PutMessageStatus.SERVICE_NOT_AVAILABLE,
                    "disk use is above diskSpaceWarningLevelRatio " + config.diskSpaceWarningLevelRatio() + "%");
        }
        PutMessageResult invalid = validate(messages);
        if (invalid != null) {
            return invalid;
        }
        long storeTimestamp = commitLog.nextStoreTimestamp(clock.wallClockMs());
        CommitLog.Appended appended;
        try {
            appended = commitLog.append(messages, storeTimestamp, offsets);
        } catch (DiskFullException e) {
            LOG.warn("commit-log append failed, disk full: {}", e.getMessage());
            return PutMessageResult.failed(PutMessageStatus.CREATE_MAPPED_FILE_FAILED, "disk full: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return PutMessageResult.failed(PutMessageStatus.MESSAGE_ILLEGAL, e.getMessage());
        } catch (IOException | RuntimeException e) {
            health.turnReadOnly("commit-log write failed: " + e, e);
            return PutMessageResult.failed(PutMessageStatus.UNKNOWN_ERROR, "commit-log write failed: " + e);
        }
        dispatcher.enqueue(appended.dispatches());
        if (!config.serveOnlyDurable()) {
            dispatcher.dispatchUpTo(commitLog.writePosition());
        }
        long end = appended.physicalOffset() + appended.wroteBytes();
        CompletableFuture<FlushStatus> durability = commitFlusher.awaitDurable(end);
        putMessageCount += appended.records().size();
        putMessageBytes += appended.wroteBytes();
        StringBuilder ids = new StringBuilder();
        for (MessageRecord r : appended.records()) {
            if (ids.length() > 0) {
                ids.append(',');
            }
            ids.append(r.offsetMsgId());
        }
        MessageRecord first = appended.records().get(0);
        return new PutMessageResult(PutMessageStatus.PUT_OK, first.commitLogOffset(), first.queueOffset(),
                appended.records().size(), appended.wroteBytes(), ids.toString(), storeTimestamp, durability, null);
    }

    private PutMessageResult validate(List<MessageRecord> messages) {
        if (messages.isEmpty()) {
            return PutMessageResult.failed(PutMessageStatus.MESSAGE_ILLEGAL, "empty batch");
        }
        long bodyBytes = 0;
        for (MessageRecord m : messages) {
            int topicBytes = m.topic().getBytes(StandardCharsets.UTF_8).length;
            if (topicBytes == 0 || topicBytes > MAX_TOPIC_BYTES || !CommitLog.isLegalTopic(m.topic())) {
                return PutMessageResult.failed(PutMessageStatus.MESSAGE_ILLEGAL, "illegal topic " + m.topic());
            }
            if (m.queueId() < 0) {
                return PutMessageResult.failed(PutMessageStatus.MESSAGE_ILLEGAL, "negative queue id " + m.queueId());
            }
            if (m.propertiesString().indexOf('\0') >= 0) {
                // Recovery reads NUL in properties as a torn sector, so it is never stored.
                return PutMessageResult.failed(PutMessageStatus.MESSAGE_ILLEGAL, "properties contain NUL");
            }
            if (m.propertiesString().getBytes(StandardCharsets.UTF_8).length > MessageRecordCodec.MAX_PROPERTIES_BYTES) {
                return PutMessageResult.failed(PutMessageStatus.PROPERTIES_SIZE_EXCEEDED,
                        "properties exceed " + MessageRecordCodec.MAX_PROPERTIES_BYTES + " bytes");
            }
            bodyBytes += m.body().length;
        }
        if (bodyBytes > config.maxMessageSize()) {
            return PutMessageResult.failed(PutMessageStatus.MESSAGE_ILLEGAL,
                    "body of " + bodyBytes + " bytes exceeds maxMessageSize " + config.maxMessageSize());
        }
        return null;
    }

    /** Where consumers may read up to: the durable position under the durable-read rule. */
    private long readableLimit() {
        return config.serveOnlyDurable() ? commitLog.file().durablePosition() : commitLog.writePosition();
    }

    /**
     * Reads messages of a queue from {@code offset}: at most {@code maxMsgNums} and about
     * {@code maxTotalBytes} (always at least one if any matches), skipping those the filter rejects
     * and those retention removed. A read stops before an entry whose record is damaged (fails its
     * CRC or checks): it is never skipped, so a read starting there returns OFFSET_FOUND_NULL with
     * that offset as the next one, until an operator repairs or skips it.
     */
    public GetMessageResult getMessage(String topic, int queueId, long offset, int maxMsgNums, int maxTotalBytes,
                                       MessageFilter filter) {
        assert scheduler.inLoop();
        getMessageCount++;
        ConsumeQueue cq = queues.find(topic, queueId);
        if (cq == null) {
            return new GetMessageResult(GetMessageStatus.NO_MATCHED_LOGIC_QUEUE, 0, 0, 0, List.of());
        }
        long min = cq.minOffset();
        long max = cq.maxOffset();
        if (max == 0) {
            return new GetMessageResult(GetMessageStatus.NO_MESSAGE_IN_QUEUE, 0, min, max, List.of());
        }
        if (offset < min) {
            return new GetMessageResult(GetMessageStatus.OFFSET_TOO_SMALL, min, min, max, List.of());
        }
        if (offset == max) {
            return new GetMessageResult(GetMessageStatus.OFFSET_OVERFLOW_ONE, offset, min, max, List.of());
        }
        if (offset > max) {
            return new GetMessageResult(GetMessageStatus.OFFSET_OVERFLOW_BADLY, max, min, max, List.of());
        }
        int maxCount = Math.max(1, Math.min(maxMsgNums, config.maxTransferCountOnMessageInMemory()));
        int maxBytes = Math.max(1, Math.min(maxTotalBytes, config.maxTransferBytesOnMessageInMemory()));
        List<ByteBuffer> found = new ArrayList<>();
        int bytes = 0;
        long next = offset;
        boolean sawRemoved = false;
        boolean sawFiltered = false;
        boolean sawUnreadable = false;
        try {
            List<CqEntry> entries = cq.read(offset, Math.max(maxCount, MAX_SCANNED_ENTRIES));
            long clMin = commitLog.minOffset();
            long limit = readableLimit();
            for (CqEntry e : entries) {
                if (found.size() >= maxCount || (!found.isEmpty() && bytes + e.size() > maxBytes)) {
                    break;
                }
                if (e.size() == ConsumeQueue.PLACEHOLDER_SIZE) {
                    // An entry recovery could not rebuild because its record was already deleted.
                    next = e.queueOffset() + 1;
                    sawRemoved = true;
                    continue;
                }
                if (e.commitLogOffset() + e.size() > limit) {
                    break;
                }
                next = e.queueOffset() + 1;
                if (e.commitLogOffset() < clMin) {
                    sawRemoved = true;
                    continue;
                }
                if (!filter.matchesTagsCode(e.tagsCode())) {
                    sawFiltered = true;
                    continue;
                }
                ByteBuffer record = commitLog.readRecord(e.commitLogOffset(), limit);
                if (record == null || record.remaining() != e.size()) {
                    // Damage to a record the store acknowledged (bit rot, a misdirected write). Skipping
                    // it would move the consumer past a message with no error; stop before it instead,
                    // so the read ends there and the next one reports it (OFFSET_FOUND_NULL).
                    LOG.error("consume queue {}/{} offset {} points to commit-log offset {} ({}) where no valid "
                            + "record of {} bytes is; reads stop there", topic, queueId, e.queueOffset(),
                            e.commitLogOffset(), commitLog.file().pathOf(e.commitLogOffset()), e.size());
                    next = e.queueOffset();
                    sawUnreadable = true;
                    break;
                }
                found.add(record);
                bytes += record.remaining();
            }
        } catch (IOException e) {
            LOG.error("reading {}/{} at offset {} failed", topic, queueId, offset, e);
            return new GetMessageResult(GetMessageStatus.OFFSET_FOUND_NULL, offset, min, max, List.of());
        }
        GetMessageStatus status;
        if (!found.isEmpty()) {
            status = GetMessageStatus.FOUND;
            getMessageFoundCount++;
        } else if (sawUnreadable && next == offset) {
            status = GetMessageStatus.OFFSET_FOUND_NULL;
        } else if (sawFiltered) {
            status = GetMessageStatus.NO_MATCHED_MESSAGE;
        } else if (sawRemoved) {
            status = GetMessageStatus.MESSAGE_WAS_REMOVING;
        } else {
            status = GetMessageStatus.OFFSET_FOUND_NULL;
        }
        return new GetMessageResult(status, next, min, max, found);
    }

    /** The queue's min offset, 0 if the queue does not exist. */
    public long getMinOffsetInQueue(String topic, int queueId) {
        ConsumeQueue cq = queues.find(topic, queueId);
        return cq == null ? 0 : cq.minOffset();
    }

    /** The queue's max offset (exclusive), 0 if the queue does not exist. */
    public long getMaxOffsetInQueue(String topic, int queueId) {
        ConsumeQueue cq = queues.find(topic, queueId);
        return cq == null ? 0 : cq.maxOffset();
    }

    /**
     * The first queue offset whose message was stored at or after {@code timestampMs}; the max
     * offset if none was, the min offset if all were. Binary search: store times never decrease.
     */
    public long getOffsetInQueueByTime(String topic, int queueId, long timestampMs) {
        ConsumeQueue cq = queues.find(topic, queueId);
        if (cq == null) {
            return 0;
        }
        long lo = cq.minOffset();
        long hi = cq.maxOffset();
        try {
            while (lo < hi) {
                long mid = (lo + hi) >>> 1;
                CqEntry e = cq.read(mid);
                long t = e == null ? -1 : commitLog.storeTimestampAt(e.commitLogOffset(), e.size());
                if (t >= 0 && t < timestampMs) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
        } catch (IOException e) {
            LOG.error("offset search in {}/{} failed", topic, queueId, e);
        }
        return lo;
    }

    /** Store time of the queue's oldest message, or -1 if it has none. */
    public long getEarliestMessageTime(String topic, int queueId) {
        ConsumeQueue cq = queues.find(topic, queueId);
        try {
            CqEntry e = cq == null ? null : cq.read(cq.minOffset());
            return e == null ? -1 : commitLog.storeTimestampAt(e.commitLogOffset(), e.size());
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * The raw record at a physical offset, or null if there is no valid, readable record there
     * (beyond the readable limit, deleted, not a record start, or failing its CRC).
     */
    public ByteBuffer lookMessageByOffset(long commitLogOffset) {
        try {
            return commitLog.readRecord(commitLogOffset, readableLimit());
        } catch (IOException | RuntimeException e) {
            LOG.warn("reading the record at commit-log offset {} failed: {}", commitLogOffset, e.toString());
            return null;
        }
    }

    /** The decoded record at a physical offset, or null (see {@link #lookMessageByOffset}). */
    public MessageRecord getMessageByOffset(long commitLogOffset) {
        ByteBuffer bytes = lookMessageByOffset(commitLogOffset);
        return bytes == null ? null : CommitLog.decodeOrNull(bytes, false);
    }

    /**
     * Messages of {@code topic} whose KEYS contain {@code key} or whose UNIQ_KEY is {@code key},
     * stored within [beginMs, endMs], newest first, at most {@code maxNum}. Hash collisions are
     * re-checked against the records.
     */
    public QueryMessageResult queryMessage(String topic, String key, int maxNum, long beginMs, long endMs) {
        if (index == null) {
            return new QueryMessageResult(List.of(), 0, 0);
        }
        List<ByteBuffer> out = new ArrayList<>();
        try {
            int want = Math.max(1, Math.min(maxNum, 64 * 1024));
            long limit = readableLimit();
            for (long offset : index.query(topic, key, want * 4, beginMs, endMs)) {
                if (out.size() >= want) {
                    break;
                }
                ByteBuffer bytes = commitLog.readRecord(offset, limit);
                MessageRecord r = bytes == null ? null : CommitLog.decodeOrNull(bytes.duplicate(), false);
                if (r != null && r.topic().equals(topic) && hasKey(r, key)) {
                    out.add(bytes);
                }
            }
        } catch (IOException e) {
            LOG.error("key query {}#{} failed", topic, key, e);
        }
        return new QueryMessageResult(out, index.lastUpdateTimestamp(), index.lastUpdatePhyOffset());
    }

    private static boolean hasKey(MessageRecord r, String key) {
        var props = r.properties();
        if (key.equals(props.get(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX))) {
            return true;
        }
        String keys = props.get(MessageConst.PROPERTY_KEYS);
        if (keys != null) {
            for (String k : keys.split(" ")) {
                if (k.equals(key)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Oldest commit-log offset still stored. */
    public long getMinPhyOffset() {
        return commitLog.minOffset();
    }

    /** The commit-log write position. */
    public long getMaxPhyOffset() {
        return commitLog.writePosition();
    }

    /** The commit-log position covered by a returned force. */
    public long getDurablePhyOffset() {
        return commitLog.file().durablePosition();
    }

    /** Why puts are refused, or null. */
    public String readOnlyReason() {
        return health.readOnlyReason();
    }

    public StoreConfig config() {
        return config;
    }

    /** What start-up recovery did. */
    public long recoveredTruncatedBytes() {
        return recovery.truncatedBytes();
    }

    public StoreStats stats() {
        return new StoreStats(putMessageCount, putMessageBytes, getMessageCount, getMessageFoundCount,
                commitLog.minOffset(), commitLog.writePosition(), commitLog.file().durablePosition(),
                dispatcher.dispatchedOffset(), health.readOnlyReason());
    }

    /** Forces the commit log now (tests, admin); completes when durable, not before. */
    public CompletableFuture<FlushStatus> flush() {
        return commitFlusher.flushNow();
    }

    /** Forces queues and index and stores a checkpoint now (tests, admin). */
    public CompletableFuture<Void> checkpointNow() {
        return logicalFlush.flushNow();
    }

    /** Runs one retention round now (tests, admin). */
    public void cleanNow() {
        retention.runOnce();
    }
}
