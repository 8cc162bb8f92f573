package io.gantry.store;

import io.gantry.protocol.message.HostAddress;
import io.gantry.protocol.message.MessageRecord;
import io.gantry.runtime.Clock;
import io.gantry.runtime.Scheduler;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Measures append throughput of a running {@link MessageStore}: {@code records} puts of
 * {@code bodyBytes} each, on the store's loop. Under SYNC_FLUSH it keeps {@code window} puts
 * waiting for durability at a time (like that many producers doing synchronous sends) and counts a
 * put done when its durability future completes; under ASYNC_FLUSH a put is done when it returns.
 * Time comes from the node's clock. For the CLI's {@code bench store} and the opt-in bench test.
 *
 * <p>Does not measure consumption, and does not include the final force under ASYNC_FLUSH.
 */
public final class StoreBenchmark {
    private static final int ASYNC_CHUNK = 1024;

    /**
     * @param mode               flush type measured
     * @param bodyBytes          body size of each message
     * @param records            messages stored
     * @param recordBytes        bytes appended (whole records)
     * @param seconds            elapsed time
     * @param appendsPerSecond   records / seconds
     * @param megabytesPerSecond recordBytes / 2^20 / seconds
     */
    public record Result(FlushDiskType mode, int bodyBytes, long records, long recordBytes, double seconds,
                         double appendsPerSecond, double megabytesPerSecond) {
        @Override
        public String toString() {
            return String.format("%-11s body %5d B: %,10.0f appends/s %8.1f MB/s (%d records in %.2f s)",
                    mode, bodyBytes, appendsPerSecond, megabytesPerSecond, records, seconds);
        }
    }

    private final MessageStore store;
    private final Scheduler scheduler;
    private final Clock clock;
    private final MessageRecord template;
    private final long records;
    private final int window;
    private final CompletableFuture<Result> done = new CompletableFuture<>();
    private long issued;
    private long completed;
    private long bytes;
    private long startNanos;

    private StoreBenchmark(MessageStore store, Scheduler scheduler, int bodyBytes, long records, int window) {
        this.store = store;
        this.scheduler = scheduler;
        this.clock = scheduler.clock();
        this.records = records;
        this.window = window;
        HostAddress host = HostAddress.of(new byte[] {127, 0, 0, 1}, 10911);
        this.template = MessageRecord.builder().topic("BenchmarkTest").queueId(0).body(new byte[bodyBytes])
                .properties(Map.of("TAGS", "bench")).bornHost(host).storeHost(host).build();
    }

    /** Starts the run (from any thread); the future completes when every put is done. */
    public static CompletableFuture<Result> run(MessageStore store, Scheduler scheduler, int bodyBytes, long records,
                                                int window) {
        if (bodyBytes < 0 || records < 1 || window < 1) {
            throw new IllegalArgumentException("bodyBytes >= 0, records >= 1, window >= 1");
        }
        StoreBenchmark b = new StoreBenchmark(store, scheduler, bodyBytes, records, window);
        scheduler.execute(b::begin);
        return b.done;
    }

    private void begin() {
        startNanos = clock.nanoTime();
        issueMore();
    }

    private void issueMore() {
        boolean sync = store.config().flushDiskType() == FlushDiskType.SYNC_FLUSH;
        int issuedNow = 0;
        while (issued < records && (sync ? issued - completed < window : issuedNow < ASYNC_CHUNK)) {
            PutMessageResult r = store.putMessage(template);
            issued++;
            issuedNow++;
            if (!r.isOk()) {
                done.completeExceptionally(new IllegalStateException("put failed: " + r.status() + " " + r.errorMessage()));
                issued = records;
                return;
            }
            bytes += r.wroteBytes();
            if (sync) {
                r.durability().whenComplete((status, error) -> {
                    if (error != null) {
                        done.completeExceptionally(error);
                        return;
                    }
                    completed++;
                    finishOrContinue();
                });
            } else {
                completed++;
            }
        }
        if (!sync) {
            if (completed < records) {
                scheduler.execute(this::issueMore);
            } else {
                finishOrContinue();
            }
        }
    }

    private void finishOrContinue() {
        if (completed == records) {
            double seconds = (clock.nanoTime() - startNanos) / 1e9;
            done.complete(new Result(store.config().flushDiskType(), template.body().length, records, bytes, seconds,
                    records / seconds, bytes / 1048576.0 / seconds));
        } else if (store.config().flushDiskType() == FlushDiskType.SYNC_FLUSH) {
            issueMore();
        }
    }
}
