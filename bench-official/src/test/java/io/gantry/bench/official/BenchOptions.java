package io.gantry.bench.official;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What one {@link BrokerBench} run measures and against which nameserver. Parsed from {@code --key value}
 * arguments; every limit is checked here so a typo fails before any server is touched.
 *
 * @param namesrv nameserver address {@code host:port} of the system under test
 * @param system label of the system under test in the result rows (for example {@code gantry})
 * @param flush label of the broker's flush mode in the rows ({@code ASYNC_FLUSH} or {@code SYNC_FLUSH})
 * @param round which repetition this run is, for the rows
 * @param bodySizesBytes body sizes of the send cells
 * @param senderThreads thread counts of the synchronous send cells
 * @param asyncInFlight asynchronous sends kept in flight by one thread; 0 skips the async cells
 * @param warmupMs how long each send cell runs before it starts counting
 * @param measureMs how long each send cell counts
 * @param backlogMessages messages put in a backlog and then consumed; 0 skips the consume cell
 * @param backlogBodyBytes body size of the backlog messages
 * @param out file the result rows are appended to, or null for standard output only
 * @param serverPids processes of the system under test (same machine) whose CPU time the consume cell reports
 */
record BenchOptions(String namesrv, String system, String flush, int round, List<Integer> bodySizesBytes,
        List<Integer> senderThreads, int asyncInFlight, long warmupMs, long measureMs, int backlogMessages,
        int backlogBodyBytes, Path out, List<Long> serverPids) {

    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    static final int MAX_THREADS = 1024;
    static final int MAX_IN_FLIGHT = 65_536;
    static final int MAX_BACKLOG = 50_000_000;

    BenchOptions {
        if (namesrv == null || !namesrv.contains(":")) {
            throw new IllegalArgumentException("--namesrv must be host:port, got " + namesrv);
        }
        for (int size : bodySizesBytes) {
            check("--bodies", size, 1, MAX_BODY_BYTES);
        }
        for (int threads : senderThreads) {
            check("--threads", threads, 1, MAX_THREADS);
        }
        check("--inflight", asyncInFlight, 0, MAX_IN_FLIGHT);
        check("--warmup-ms", warmupMs, 0, 3_600_000);
        check("--measure-ms", measureMs, 1, 3_600_000);
        check("--backlog", backlogMessages, 0, MAX_BACKLOG);
        check("--backlog-body", backlogBodyBytes, 1, MAX_BODY_BYTES);
        bodySizesBytes = List.copyOf(bodySizesBytes);
        senderThreads = List.copyOf(senderThreads);
        serverPids = List.copyOf(serverPids);
    }

    /** Defaults: the matrix of issue 5 (128 B and 1 KiB; 1 and 32 threads; 256 in flight; a 300k backlog). */
    static BenchOptions parse(String[] args) {
        String namesrv = null;
        String system = "unknown";
        String flush = "ASYNC_FLUSH";
        int round = 1;
        List<Integer> bodies = List.of(128, 1024);
        List<Integer> threads = List.of(1, 32);
        int inFlight = 256;
        long warmupMs = 2_000;
        long measureMs = 8_000;
        int backlog = 300_000;
        int backlogBody = 128;
        Path out = null;
        List<Long> serverPids = List.of();
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("arguments come in --key value pairs");
        }
        for (int i = 0; i < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--namesrv" -> namesrv = value;
                case "--system" -> system = value;
                case "--flush" -> flush = value;
                case "--round" -> round = Integer.parseInt(value);
                case "--bodies" -> bodies = ints(value);
                case "--threads" -> threads = ints(value);
                case "--inflight" -> inFlight = Integer.parseInt(value);
                case "--warmup-ms" -> warmupMs = Long.parseLong(value);
                case "--measure-ms" -> measureMs = Long.parseLong(value);
                case "--backlog" -> backlog = Integer.parseInt(value);
                case "--backlog-body" -> backlogBody = Integer.parseInt(value);
                case "--out" -> out = Path.of(value);
                case "--server-pids" -> serverPids = ints(value).stream().map(Integer::longValue).toList();
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        return new BenchOptions(namesrv, system, flush, round, bodies, threads, inFlight, warmupMs, measureMs,
                backlog, backlogBody, out, serverPids);
    }

    /** A comma-separated list of integers; {@code none} is the empty list (for example to skip the send cells). */
    private static List<Integer> ints(String commaSeparated) {
        List<Integer> values = new ArrayList<>();
        if (commaSeparated.trim().equals("none")) {
            return values;
        }
        for (String part : commaSeparated.split(",")) {
            values.add(Integer.parseInt(part.trim()));
        }
        return values;
    }

    private static void check(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], got " + value);
        }
    }
}
