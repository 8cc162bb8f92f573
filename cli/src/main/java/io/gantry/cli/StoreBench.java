package io.gantry.cli;

import io.gantry.protocol.message.HostAddress;
import io.gantry.protocol.message.MessageRecord;
import io.gantry.runtime.Scheduler;
import io.gantry.runtime.prod.ProductionRuntime;
import io.gantry.store.FlushDiskType;
import io.gantry.store.FlushStatus;
import io.gantry.store.MessageStore;
import io.gantry.store.PutMessageResult;
import io.gantry.store.StoreConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One store benchmark run: opens a {@link MessageStore} in {@code dir} over the production seams,
 * appends messages of one size for at most a count and a duration, and measures appends/s and
 * MB/s until the last append is durable (the final flush is inside the measured time).
 *
 * <p>All store calls run on the node's loop. Puts are driven from the loop by a pump that keeps
 * {@code inFlight} durability futures outstanding (SYNC_FLUSH: 1 shows the per-fsync cost, many
 * show group commit); under ASYNC_FLUSH puts do not wait for durability and are sent in batches
 * of tasks so the loop also runs its flush timers. The caller's thread only waits.
 *
 * <p>Does not: warm up the JIT separately (short runs under-report), or isolate the machine.
 */
final class StoreBench {
    /** Puts per loop task under ASYNC_FLUSH, so timers and completions interleave with appends. */
    private static final int ASYNC_PUTS_PER_TASK = 256;
    private static final HostAddress BORN = HostAddress.of(new byte[] {127, 0, 0, 1}, 50000);
    private static final HostAddress STORE = HostAddress.of(new byte[] {127, 0, 0, 1}, 10911);

    /** What a run measured. */
    record Result(FlushDiskType flush, int bodyBytes, int inFlight, long messages, long recordBytes, long elapsedNanos,
                  long flushDiskTimeouts) {
        double appendsPerSecond() {
            return messages / (elapsedNanos / 1e9);
        }

        /** Record bytes (headers included) per second, in MiB. */
        double mebibytesPerSecond() {
            return recordBytes / (elapsedNanos / 1e9) / (1024.0 * 1024.0);
        }
    }

    private StoreBench() {
    }

    static Result run(Path dir, FlushDiskType flush, int bodyBytes, int inFlight, long maxMessages, long maxMillis)
            throws Exception {
        try (ProductionRuntime runtime = ProductionRuntime.create("bench", dir)) {
            Scheduler loop = runtime.scheduler();
            StoreConfig config = StoreConfig.builder().flushDiskType(flush)
                    .mappedFileSizeCommitLog(256 * 1024 * 1024)
                    .maxHashSlotNum(500_000).maxIndexNum(2_000_000).build();
            MessageStore store = onLoop(loop, () -> {
                MessageStore s = MessageStore.open(runtime.context(), config);
                s.start();
                return s;
            }).get(60, TimeUnit.SECONDS);
            try {
                Pump pump = new Pump(store, loop, template(bodyBytes), flush, inFlight, maxMessages, maxMillis);
                loop.execute(pump::start);
                return pump.done.get(maxMillis + 120_000, TimeUnit.MILLISECONDS);
            } finally {
                onLoop(loop, store::shutdown).get(60, TimeUnit.SECONDS).get(120, TimeUnit.SECONDS);
            }
        }
    }

    private static MessageRecord template(int bodyBytes) {
        byte[] body = new byte[bodyBytes];
        new SplittableRandom(bodyBytes).nextBytes(body);
        Map<String, String> props = new LinkedHashMap<>();
        props.put("UNIQ_KEY", "7F000001000000000000000000000000");
        props.put("WAIT", "true");
        return MessageRecord.builder().topic("BenchTopic").queueId(0).body(body).properties(props)
                .bornHost(BORN).storeHost(STORE).bornTimestamp(System.currentTimeMillis()).build();
    }

    private interface LoopCall<T> {
        T call() throws Exception;
    }

    private static <T> CompletableFuture<T> onLoop(Scheduler loop, LoopCall<T> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                result.complete(call.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result;
    }

    /** Runs on the loop: sends puts, keeps the window full, and completes {@link #done} at the end. */
    private static final class Pump {
        private final MessageStore store;
        private final Scheduler loop;
        private final MessageRecord template;
        private final FlushDiskType flush;
        private final int inFlight;
        private final long maxMessages;
        private final long maxNanos;
        final CompletableFuture<Result> done = new CompletableFuture<>();
        private long startNanos;
        private long sent;
        private long completed;
        private long bytes;
        private long timeouts;
        private int outstanding;
        private boolean finishing;

        Pump(MessageStore store, Scheduler loop, MessageRecord template, FlushDiskType flush, int inFlight,
             long maxMessages, long maxMillis) {
            this.store = store;
            this.loop = loop;
            this.template = template;
            this.flush = flush;
            this.inFlight = inFlight;
            this.maxMessages = maxMessages;
            this.maxNanos = maxMillis * 1_000_000L;
        }

        void start() {
            startNanos = System.nanoTime();
            if (flush == FlushDiskType.ASYNC_FLUSH) {
                sendAsyncChunk();
            } else {
                fillWindow();
            }
        }

        private boolean more() {
            return sent < maxMessages && System.nanoTime() - startNanos < maxNanos;
        }

        private boolean putOne() {
            MessageRecord m = template.toBuilder().queueId((int) (sent & 3)).build();
            PutMessageResult r = store.putMessage(m);
            if (!r.isOk()) {
                done.completeExceptionally(new IllegalStateException("put failed: " + r.status() + " "
                        + r.errorMessage()));
                return false;
            }
            sent++;
            bytes += r.wroteBytes();
            if (flush == FlushDiskType.SYNC_FLUSH) {
                outstanding++;
                r.durability().whenComplete(this::onDurable);
            }
            return true;
        }

        private void fillWindow() {
            while (outstanding < inFlight && more()) {
                if (!putOne()) {
                    return;
                }
            }
            if (outstanding == 0 && !more()) {
                finish();
            }
        }

        private void onDurable(FlushStatus status, Throwable error) {
            outstanding--;
            completed++;
            if (error != null) {
                done.completeExceptionally(error);
                return;
            }
            if (status == FlushStatus.FLUSH_DISK_TIMEOUT) {
                timeouts++;
            }
            fillWindow();
        }

        private void sendAsyncChunk() {
            for (int i = 0; i < ASYNC_PUTS_PER_TASK && more(); i++) {
                if (!putOne()) {
                    return;
                }
            }
            if (more()) {
                loop.execute(this::sendAsyncChunk);
            } else {
                finish();
            }
        }

        /** The run ends when everything sent is durable. */
        private void finish() {
            if (finishing) {
                return;
            }
            finishing = true;
            store.flush().whenComplete((status, error) -> {
                if (error != null) {
                    done.completeExceptionally(error);
                    return;
                }
                long elapsed = System.nanoTime() - startNanos;
                done.complete(new Result(flush, template.body().length, flush == FlushDiskType.SYNC_FLUSH ? inFlight : 0,
                        sent, bytes, elapsed, timeouts));
            });
        }
    }
}
