package io.gantry.cli;

import io.gantry.store.FlushDiskType;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gantry bench store}: appends/s and MB/s of the store on this machine's disk, for each
 * record size and flush mode asked for (SYNC_FLUSH with one put in flight and with a window of
 * them), printed as a table. Each run uses a fresh store directory, deleted afterwards; a
 * temporary directory unless {@code --dir} names a parent to use.
 */
@Command(
        name = "store",
        mixinStandardHelpOptions = true,
        description = "Benchmark the store's appends on the production disk.",
        footer = {
            "",
            "Examples:",
            "  gantry bench store            128 B and 1 KiB bodies, ASYNC and SYNC",
            "  gantry bench store --size 1024 --flush SYNC --window 64 --seconds 3",
        })
final class BenchStoreCommand implements Callable<Integer> {
    static final long MAX_MESSAGES = 100_000_000L;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--messages", paramLabel = "N", description = "Most messages per run (default 200000).")
    long messages = 200_000;

    @Option(names = "--seconds", paramLabel = "S", description = "Longest run, in seconds (default 5).")
    int seconds = 5;

    @Option(names = "--size", paramLabel = "BYTES", split = ",",
            description = "Body sizes, comma-separated (default 128,1024).")
    List<Integer> sizes = new ArrayList<>(List.of(128, 1024));

    @Option(names = "--flush", paramLabel = "MODE", split = ",",
            description = "ASYNC, SYNC or both, comma-separated (default ASYNC,SYNC).")
    List<String> flushModes = new ArrayList<>(List.of("ASYNC", "SYNC"));

    @Option(names = "--window", paramLabel = "W",
            description = "SYNC puts kept in flight for the group-commit run (default 256); a run with 1 is always made.")
    int window = 256;

    @Option(names = "--warmup-seconds", paramLabel = "S",
            description = "Unreported ASYNC run first, to warm up the JIT (default 2; 0 skips it).")
    int warmupSeconds = 2;

    @Option(names = "--dir", paramLabel = "DIR", description = "Parent directory for the store files (default: a temp dir).")
    Path dir;

    @Override
    public Integer call() throws Exception {
        if (messages < 1 || messages > MAX_MESSAGES) {
            throw usage("--messages must be between 1 and " + MAX_MESSAGES);
        }
        if (seconds < 1 || seconds > 3600) {
            throw usage("--seconds must be between 1 and 3600");
        }
        if (warmupSeconds < 0 || warmupSeconds > 600) {
            throw usage("--warmup-seconds must be between 0 and 600");
        }
        if (window < 1 || window > 100_000) {
            throw usage("--window must be between 1 and 100000");
        }
        for (int size : sizes) {
            if (size < 0 || size > 4 * 1024 * 1024) {
                throw usage("--size must be between 0 and 4194304 bytes, got " + size);
            }
        }
        List<FlushDiskType> modes = new ArrayList<>();
        for (String mode : flushModes) {
            switch (mode.trim().toUpperCase()) {
                case "ASYNC", "ASYNC_FLUSH" -> modes.add(FlushDiskType.ASYNC_FLUSH);
                case "SYNC", "SYNC_FLUSH" -> modes.add(FlushDiskType.SYNC_FLUSH);
                default -> throw usage("--flush takes ASYNC or SYNC, got " + mode);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        Path parent = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("gantry-bench-store");
        out.printf("store bench in %s: at most %d messages or %d s per run (after a %d s warm-up); "
                + "times include the final flush%n", parent, messages, seconds, warmupSeconds);
        out.printf("%-11s %7s %9s %10s %8s %12s %9s%n", "flush", "body B", "in-flight", "messages", "secs",
                "appends/s", "MiB/s");
        out.flush();
        int run = 0;
        try {
            if (warmupSeconds > 0) {
                Path warmupDir = parent.resolve("warmup");
                try {
                    StoreBench.run(warmupDir, FlushDiskType.ASYNC_FLUSH, sizes.isEmpty() ? 128 : sizes.get(0), 1,
                            messages, warmupSeconds * 1000L);
                } finally {
                    deleteTree(warmupDir);
                }
            }
            for (int size : sizes) {
                for (FlushDiskType mode : modes) {
                    List<Integer> windows = mode == FlushDiskType.SYNC_FLUSH
                            ? (window == 1 ? List.of(1) : List.of(1, window)) : List.of(0);
                    for (int w : windows) {
                        Path runDir = parent.resolve("run-" + run++);
                        try {
                            StoreBench.Result r = StoreBench.run(runDir, mode, size, Math.max(1, w), messages,
                                    seconds * 1000L);
                            out.printf("%-11s %7d %9s %10d %8.2f %12.0f %9.2f%s%n", mode, size,
                                    w == 0 ? "-" : Integer.toString(w), r.messages(), r.elapsedNanos() / 1e9,
                                    r.appendsPerSecond(), r.mebibytesPerSecond(),
                                    r.flushDiskTimeouts() > 0 ? "  (" + r.flushDiskTimeouts() + " FLUSH_DISK_TIMEOUT)" : "");
                            out.flush();
                        } finally {
                            deleteTree(runDir);
                        }
                    }
                }
            }
        } finally {
            if (dir == null) {
                deleteTree(parent);
            }
        }
        return 0;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
