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
 * <p>Replication: a master reads chunks of whole records for its slaves
 * ({@link #readReplicationChunk}); a slave appends them ({@link #appendReplicated}), compares its tail
 * with the master ({@link #replicationProbes}, {@link #matchesProbe}) and cuts a divergent tail
 * crash-safely ({@link #truncateReplica}). The network side lives in the broker (docs/ha.md).
 *
 * <p>Does not: decompress, filter by SQL92, or handle transactions beyond not queueing
 * prepared/rollback records.
 */
public final class MessageStore {
    private static final Logger LOG = LoggerFactory.getLogger(MessageStore.class);
    private static final int MAX_TOPIC_BYTES = 127;
    /** Most consume-queue entries one read scans past filtered-out messages. */
    private static final int MAX_SCANNED_ENTRIES = 800;
    /** Consume-queue entries read at a time while looking for entries to return. */
    private static final int SCAN_BATCH_ENTRIES = 64;

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
    private final ReplicaLog replicaLog;
    private final TruncationMarker truncationMarker;
    private final List<ReplicaTruncation> truncations = new ArrayList<>();
    private boolean truncating;
    private long putMessageCount;
    private long putMessageBytes;
    private long getMessageCount;
    private long getMessageFoundCount;
    private boolean started;
    private boolean shutDown;

    private MessageStore(NodeContext ctx, StoreConfig config, StoreHealth health, CommitLog commitLog,
                         ConsumeQueueTable queues, IndexService index, Dispatcher dispatcher, Checkpoint checkpoint,
                         AbortMarker abort, StoreRecovery.Result recovery, TruncationMarker truncationMarker,
                         ReplicaTruncation redoneTruncation) {
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
        this.replicaLog = new ReplicaLog(commitLog);
        this.truncationMarker = truncationMarker;
        if (redoneTruncation != null) {
            truncations.add(redoneTruncation);
        }
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
        TruncationMarker truncationMarker = new TruncationMarker(disk, root);
        long cutTo = truncationMarker.pendingTarget();
        ReplicaTruncation redone = null;
        if (cutTo >= 0) {
            // A replica cut was under way when the last run ended: finish it before recovery, which
            // would otherwise refuse a log shorter than the checkpoint or keep the divergent tail.
            long before = commitLog.writePosition();
            long target = Math.max(commitLog.minOffset(), Math.min(cutTo, before));
            LOG.warn("store {}: finishing an interrupted replica truncation to offset {} (log ends at {})", root,
                    target, before);
            commitLog.file().truncateTo(target);
            commitLog.file().forceAll();
            cp = new CheckpointData(cp.physicMsgTimestamp(), cp.logicsMsgTimestamp(), cp.indexMsgTimestamp(),
                    Math.min(cp.physicOffset(), target), Math.min(cp.logicsOffset(), target),
                    Math.min(cp.indexOffset(), target));
            abnormal = true;
            redone = new ReplicaTruncation(before, target, "interrupted truncation redone at start-up");
        }
        StoreRecovery.Result result = StoreRecovery.recover(commitLog, queues, index, dispatcher, checkpoint, cp,
                abnormal, config.checkCRCOnRecover());
        if (cutTo >= 0) {
            truncationMarker.delete();
        }
        abort.create();
        int slash = root.lastIndexOf('/');
        disk.syncDirectory(root);
        disk.syncDirectory(slash < 0 ? "" : root.substring(0, slash));
        LOG.info("store {} opened: commit log [{}, {}), {} queues, {} shutdown", root, commitLog.minOffset(),
                commitLog.writePosition(), queues.all().size(), abnormal ? "abnormal" : "clean");
        return new MessageStore(ctx, config, health, commitLog, queues, index, dispatcher, checkpoint, abort, result,
                truncationMarker, redone);
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
        // First pick the entries to return from the consume queue alone (filter, retention, limits),
        // then read their records, several per positional read (CommitLog.readRecords).
        long[] picked = new long[maxCount];
        int[] pickedSizes = new int[maxCount];
        long[] pickedQueueOffsets = new long[maxCount];
        // What the scan had seen before each picked entry, for a read that stops at a damaged one.
        boolean[] removedBefore = new boolean[maxCount];
        boolean[] filteredBefore = new boolean[maxCount];
        int count = 0;
        int bytes = 0;
        long next = offset;
        boolean sawRemoved = false;
        boolean sawFiltered = false;
        boolean sawUnreadable = false;
        List<ByteBuffer> found;
        try {
            long clMin = commitLog.minOffset();
            long limit = readableLimit();
            int scanBudget = Math.max(maxCount, MAX_SCANNED_ENTRIES);
            long scanFrom = offset;
            scan:
            while (scanBudget > 0) {
                // Unfiltered reads need maxCount entries; read more only when some are skipped.
                List<CqEntry> entries = cq.read(scanFrom, Math.min(scanBudget, Math.max(maxCount, SCAN_BATCH_ENTRIES)));
                if (entries.isEmpty()) {
                    break;
                }
                scanBudget -= entries.size();
                scanFrom += entries.size();
                for (CqEntry e : entries) {
                    if (count >= maxCount || (count > 0 && bytes + e.size() > maxBytes)) {
                        break scan;
                    }
                    if (e.size() == ConsumeQueue.PLACEHOLDER_SIZE) {
                        // An entry recovery could not rebuild because its record was already deleted.
                        next = e.queueOffset() + 1;
                        sawRemoved = true;
                        continue;
                    }
                    if (e.commitLogOffset() + e.size() > limit) {
                        break scan;
                    }
                    if (e.commitLogOffset() < clMin) {
                        next = e.queueOffset() + 1;
                        sawRemoved = true;
                        continue;
                    }
                    if (!filter.matchesTagsCode(e.tagsCode())) {
                        next = e.queueOffset() + 1;
                        sawFiltered = true;
                        continue;
                    }
                    picked[count] = e.commitLogOffset();
                    pickedSizes[count] = e.size();
                    pickedQueueOffsets[count] = e.queueOffset();
                    removedBefore[count] = sawRemoved;
                    filteredBefore[count] = sawFiltered;
                    count++;
                    bytes += e.size();
                    next = e.queueOffset() + 1;
                }
            }
            found = count == 0 ? List.of() : commitLog.readRecords(picked, pickedSizes, count, limit);
        } catch (IOException e) {
            LOG.error("reading {}/{} at offset {} failed", topic, queueId, offset, e);
            return new GetMessageResult(GetMessageStatus.OFFSET_FOUND_NULL, offset, min, max, List.of());
        }
        if (found.size() < count) {
            // Damage to a record the store acknowledged (bit rot, a misdirected write). Skipping it
            // would move the consumer past a message with no error; stop before it instead, so the
            // read ends there and the next one reports it (OFFSET_FOUND_NULL).
            int bad = found.size();
            LOG.error("consume queue {}/{} offset {} points to commit-log offset {} ({}) where no valid "
                    + "record of {} bytes is; reads stop there", topic, queueId, pickedQueueOffsets[bad],
                    picked[bad], commitLog.file().pathOf(picked[bad]), pickedSizes[bad]);
            next = pickedQueueOffsets[bad];
            sawRemoved = removedBefore[bad];
            sawFiltered = filteredBefore[bad];
            sawUnreadable = true;
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

    // ---------------------------------------------------------------- replication

    /** Largest chunk a master reads for one replication frame (whole records; one larger record still goes alone). */
    public static final int MAX_REPLICATION_CHUNK_BYTES = 1024 * 1024;

    /**
     * Master side: whole records (and at most one trailing filler header) from {@code fromOffset},
     * about {@code maxBytes} (capped at {@link #MAX_REPLICATION_CHUNK_BYTES}), up to the write
     * position (page cache, not only durable data, as RocketMQ replicates). Empty when there is
     * nothing new; null when {@code fromOffset} is outside this log or not a record boundary of it.
     */
    public ReplicationChunk readReplicationChunk(long fromOffset, int maxBytes) {
        assert scheduler.inLoop();
        try {
            return replicaLog.readChunk(fromOffset, Math.max(1, Math.min(maxBytes, MAX_REPLICATION_CHUNK_BYTES)));
        } catch (IOException | RuntimeException e) {
            LOG.warn("reading a replication chunk at {} failed: {}", fromOffset, e.toString());
            return null;
        }
    }

    /**
     * Slave side: appends a chunk read by a master's {@link #readReplicationChunk} at exactly this
     * log's write position, after checking every record (header, fields, body CRC, its own offset,
     * consecutive queue offsets); then dispatches queues and index as puts do and, under SYNC_FLUSH,
     * asks for a force. Nothing is written if any check fails. Returns the new write position.
     *
     * @throws IllegalArgumentException on a gap, an overlap or a record that does not check
     * @throws IllegalStateException if the store is shut down, read-only or truncating
     */
    public long appendReplicated(long startOffset, ByteBuffer chunk) {
        assert scheduler.inLoop();
        if (shutDown || truncating || !health.isWritable()) {
            throw new IllegalStateException("store cannot take replicated data: "
                    + (shutDown ? "shut down" : truncating ? "truncating" : health.readOnlyReason()));
        }
        ReplicaLog.Checked checked = replicaLog.check(startOffset, chunk, offsets);
        long end;
        try {
            end = replicaLog.write(checked, chunk, offsets);
        } catch (IOException | RuntimeException e) {
            health.turnReadOnly("replicated append failed: " + e, e);
            throw new IllegalStateException("replicated append failed", e);
        }
        dispatcher.enqueue(checked.dispatches());
        if (!config.serveOnlyDurable()) {
            dispatcher.dispatchUpTo(commitLog.writePosition());
        }
        putMessageCount += checked.dispatches().size();
        putMessageBytes += checked.bytes();
        if (config.flushDiskType() == FlushDiskType.SYNC_FLUSH && checked.bytes() > 0) {
            commitFlusher.awaitDurable(end).exceptionally(failure -> null);
        }
        return end;
    }

    /** Slave side: fingerprints of this log's tail to send to the master (see {@link ReplicaProbe}). */
    public List<ReplicaProbe> replicationProbes() {
        assert scheduler.inLoop();
        try {
            return replicaLog.probes();
        } catch (IOException | RuntimeException e) {
            LOG.warn("computing replication probes failed: {}", e.toString());
            return List.of();
        }
    }

    /** Master side: true if this log holds exactly the probed bytes at the probed offset. */
    public boolean matchesProbe(ReplicaProbe probe) {
        assert scheduler.inLoop();
        try {
            return replicaLog.matches(probe);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Slave side: cuts the commit log, consume queues and checkpoint to {@code offset} (a record
     * boundary at or below the write position), crash-safely: a durable {@code replicaTruncate}
     * marker is written first and deleted only once the cut is durable, and {@link #open} redoes a
     * cut it finds marked. Index entries past the cut stay; key queries re-check every record, so
     * they never return a record that is not there. Flushing and retention pause during the cut.
     * Completes on the loop; appends are refused until then.
     */
    public CompletableFuture<Void> truncateReplica(long offset) {
        assert scheduler.inLoop();
        if (truncating || shutDown) {
            return CompletableFuture.failedFuture(new IllegalStateException("store is truncating or shut down"));
        }
        long before = commitLog.writePosition();
        if (offset > before || offset < commitLog.minOffset()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("cannot truncate to " + offset
                    + ", log is [" + commitLog.minOffset() + ", " + before + ")"));
        }
        truncating = true;
        commitFlusher.stop();
        logicalFlush.stop();
        retention.stop();
        CompletableFuture<Void> done = scheduler.<Void>offload(() -> {
            truncationMarker.write(offset);
            return null;
        }).thenCompose(ignored -> whenNoForceInFlight(0)).thenCompose(ignored -> {
            try {
                for (ConsumeQueue q : queues.all()) {
                    q.truncateFromCommitLogOffset(offset);
                }
                commitLog.file().truncateTo(offset);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            dispatcher.dropPendingFrom(offset);
            for (ConsumeQueue q : queues.all()) {
                offsets.set(q.topic(), q.queueId(), q.maxOffset());
            }
            SegmentedFile.ForceTask clForce = commitLog.file().prepareForce();
            List<ConsumeQueue> all = List.copyOf(queues.all());
            List<SegmentedFile.ForceTask> qForces = new ArrayList<>();
            for (ConsumeQueue q : all) {
                qForces.add(q.file().prepareForce());
            }
            long ts = dispatcher.lastStoreTimestamp();
            CheckpointData lowered = new CheckpointData(ts, ts, ts, offset, Math.min(offset, dispatcher.dispatchedOffset()),
                    Math.min(offset, dispatcher.dispatchedOffset()));
            return scheduler.<Void>offload(() -> {
                clForce.call();
                for (SegmentedFile.ForceTask t : qForces) {
                    t.call();
                }
                logicalFlush.checkpoint().store(lowered);
                truncationMarker.delete();
                return null;
            }).whenComplete((ignored2, error) -> {
                commitLog.file().forceEnded(clForce, error == null);
                for (int i = 0; i < all.size(); i++) {
                    all.get(i).file().forceEnded(qForces.get(i), error == null);
                }
                if (error != null) {
                    health.turnReadOnly("replica truncation failed: " + error, error);
                }
            });
        });
        return done.whenComplete((v, error) -> {
            truncating = false;
            if (error == null) {
                truncations.add(new ReplicaTruncation(before, offset, "diverged from the master"));
                LOG.warn("replica commit log cut from {} to {} to match the master", before, offset);
                if (!shutDown) {
                    commitFlusher.start();
                    logicalFlush.start();
                    retention.start();
                }
            } else {
                LOG.error("replica truncation to {} failed", offset, error);
            }
        });
    }

    private CompletableFuture<Void> whenNoForceInFlight(int attempt) {
        boolean busy = commitLog.file().forcesInFlight() > 0 || logicalFlush.inFlight();
        for (ConsumeQueue q : queues.all()) {
            busy |= q.file().forcesInFlight() > 0;
        }
        if (!busy) {
            return CompletableFuture.completedFuture(null);
        }
        if (attempt > 100_000) {
            return CompletableFuture.failedFuture(new IllegalStateException("forces never finished"));
        }
        CompletableFuture<Void> later = new CompletableFuture<>();
        scheduler.schedule(1, () -> whenNoForceInFlight(attempt + 1).whenComplete((v, e) -> {
            if (e != null) {
                later.completeExceptionally(e);
            } else {
                later.complete(null);
            }
        }));
        return later;
    }

    /** Cuts this replica made of its commit log (this run, plus one finished at start-up), oldest first. */
    public List<ReplicaTruncation> replicaTruncations() {
        return List.copyOf(truncations);
    }

    /**
     * Raw commit-log bytes from {@code offset}, at most {@code maxBytes}, stopping at the segment end
     * and the write position (the rest of a segment after its filler reads as zeros); for checkers
     * comparing replicas byte by byte.
     */
    public ByteBuffer readRawCommitLog(long offset, int maxBytes) {
        try {
            return commitLog.file().readUpTo(offset, Math.max(0, Math.min(maxBytes, MAX_REPLICATION_CHUNK_BYTES)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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
