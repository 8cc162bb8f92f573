package io.gantry.bench.official;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;

/**
 * Consumption of a backlog: a fresh topic gets {@code N} messages (asynchronous sends), then a fresh push consumer
 * group with the client's default settings reads it from the first offset. The rate is counted from the first
 * message delivered to the {@code N}-th, so the consumer's start-up and first rebalance are not in it.
 */
final class BacklogConsumeCell {

    /** A backlog that is not consumed within this is reported as what was consumed so far. */
    private static final long CONSUME_TIMEOUT_MS = 300_000;

    private final String namesrv;
    private final String instance;
    private final String system;
    private final List<Long> serverPids;

    BacklogConsumeCell(String namesrv, String instance, String system, List<Long> serverPids) {
        this.namesrv = namesrv;
        this.instance = instance;
        this.system = system;
        this.serverPids = serverPids;
    }

    /** User and system CPU time the server processes used so far ({@code /proc/<pid>/stat}; 0 where unreadable). */
    private long serverCpuMs() {
        long ticks = 0;
        for (long pid : serverPids) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                // Fields after the command name, which is in parentheses and may hold spaces.
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            } catch (IOException | RuntimeException e) {
                // Not Linux, or the process is gone: report what can be read.
            }
        }
        return ticks * 1000 / CLOCK_TICKS_PER_SECOND;
    }

    /** USER_HZ, 100 on every common Linux build. */
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    CellResult run(String cell, AsyncSendCell filler, String topic, int messages, int bodyBytes, int inFlight)
            throws Exception {
        long filled = filler.sendAll(bodyBytes, Math.max(inFlight, 64), messages);
        AtomicLong consumed = new AtomicLong();
        AtomicLong firstNanos = new AtomicLong();
        AtomicLong firstServerCpuMs = new AtomicLong();
        AtomicLong lastNanos = new AtomicLong();
        CountDownLatch done = new CountDownLatch(1);
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("BenchBacklog-" + instance);
        consumer.setNamesrvAddr(namesrv);
        consumer.setInstanceName("bench-consumer-" + instance);
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (batch, context) -> {
            long now = System.nanoTime();
            if (firstNanos.compareAndSet(0, now)) {
                firstServerCpuMs.set(serverCpuMs());
            }
            long total = consumed.addAndGet(batch.size());
            if (total >= filled) {
                lastNanos.compareAndSet(0, now);
                done.countDown();
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        try {
            done.await(CONSUME_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } finally {
            consumer.shutdown();
        }
        long serverCpuMs = serverCpuMs() - firstServerCpuMs.get();
        long end = lastNanos.get() != 0 ? lastNanos.get() : System.nanoTime();
        double seconds = Math.max(1e-3, (end - firstNanos.get()) / 1e9);
        long counted = Math.min(consumed.get(), filled);
        if (!serverPids.isEmpty() && counted > 0) {
            // After the last message too (until the consumer shut down), so an upper bound.
            System.out.printf(Locale.ROOT, "# %s %s: server CPU %d ms while consuming for %.0f ms (%.1f us per message)%n",
                    system, cell, serverCpuMs, seconds * 1000, serverCpuMs * 1000.0 / counted);
        }
        // Failures here are backlog messages not consumed within the timeout.
        return new CellResult(cell, counted, filled - counted, seconds, 0, 0);
    }
}
