package io.gantry.bench.official;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.rocketmq.client.producer.DefaultMQProducer;

/**
 * The benchmark driver: points the official client at one nameserver and measures, in order, synchronous sends
 * for every body size and thread count, asynchronous sends with a window in flight for every body size, and the
 * consumption of a backlog. Prints one tab-separated row per cell and appends the rows to {@code --out}.
 *
 * <p>Usage: {@code BrokerBench --namesrv 127.0.0.1:9876 --system gantry --flush ASYNC_FLUSH [--round 1]
 * [--bodies 128,1024] [--threads 1,32] [--inflight 256] [--warmup-ms 2000] [--measure-ms 8000]
 * [--backlog 300000] [--backlog-body 128] [--out rows.tsv] [--server-pids 123,456]}. The broker's flush mode is the broker's setting;
 * {@code --flush} only labels the rows.
 */
public final class BrokerBench {

    private BrokerBench() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("BrokerBench: " + e.getMessage());
            System.exit(2);
            return;
        }
        run(options, System.out);
        // The official client leaves non-daemon threads behind after shutdown.
        System.exit(0);
    }

    /** Runs every cell the options ask for, printing each row as it completes, and returns the results. */
    static List<CellResult> run(BenchOptions options, PrintStream progress) throws Exception {
        // Group and instance names allow only letters, digits, '_', '-', '%' and '|'.
        String instance = (options.system() + "-" + options.round() + "-" + ProcessHandle.current().pid() + "-"
                + System.nanoTime()).replaceAll("[^A-Za-z0-9_-]", "_");
        String topic = "BenchTopic";
        List<CellResult> results = new ArrayList<>();
        DefaultMQProducer producer = new DefaultMQProducer("BenchProducer");
        producer.setNamesrvAddr(options.namesrv());
        producer.setInstanceName("bench-producer-" + instance);
        producer.setSendMsgTimeout(10_000);
        producer.start();
        try {
            SyncSendCell sync = new SyncSendCell(producer, topic);
            AsyncSendCell async = new AsyncSendCell(producer, topic);
            for (int body : options.bodySizesBytes()) {
                for (int threads : options.senderThreads()) {
                    String cell = "sync-" + Bodies.label(body) + "-" + threads + "t";
                    record(results, options, progress,
                            sync.run(cell, body, threads, options.warmupMs(), options.measureMs()));
                }
            }
            if (options.asyncInFlight() > 0) {
                for (int body : options.bodySizesBytes()) {
                    String cell = "async" + options.asyncInFlight() + "-" + Bodies.label(body);
                    record(results, options, progress, async.run(cell, body, options.asyncInFlight(),
                            options.warmupMs(), options.measureMs()));
                }
            }
            if (options.backlogMessages() > 0) {
                String backlogTopic = "BenchBacklog" + Math.abs(instance.hashCode());
                AsyncSendCell filler = new AsyncSendCell(producer, backlogTopic);
                String cell = "consume-" + Bodies.label(options.backlogBodyBytes());
                BacklogConsumeCell consume = new BacklogConsumeCell(options.namesrv(), instance, options.system(),
                        options.serverPids());
                record(results, options, progress, consume.run(cell, filler, backlogTopic,
                        options.backlogMessages(), options.backlogBodyBytes(), options.asyncInFlight()));
            }
        } finally {
            producer.shutdown();
        }
        return results;
    }

    private static void record(List<CellResult> results, BenchOptions options, PrintStream progress,
            CellResult result) throws IOException {
        results.add(result);
        String row = result.row(options);
        progress.println(row);
        progress.flush();
        if (options.out() != null) {
            boolean fresh = !Files.exists(options.out());
            String text = (fresh ? CellResult.HEADER + System.lineSeparator() : "") + row + System.lineSeparator();
            Files.writeString(options.out(), text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
    }
}
