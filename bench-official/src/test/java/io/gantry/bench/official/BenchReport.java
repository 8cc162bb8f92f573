package io.gantry.bench.official;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns the rows of several {@link BrokerBench} runs into one side-by-side table: per flush mode and cell, for
 * each system the median msgs/s over the rounds with its range, and the median p50 and p99. With two systems, a
 * ratio column divides the first system's median rate by the second's. Writes the table as markdown and JSON.
 *
 * <p>Usage: {@code BenchReport rows.tsv out-dir [note]}; the note (for example the load average) heads the table.
 */
public final class BenchReport {

    private BenchReport() {
    }

    /** One parsed row of the results file. */
    record Row(String system, String flush, int round, String cell, double rate, long p50Micros, long p99Micros,
            long failures) {
    }

    /** The rounds of one system in one cell, summarised. */
    record Summary(int rounds, double medianRate, double minRate, double maxRate, long medianP50, long medianP99,
            long failures) {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: BenchReport rows.tsv out-dir [note]");
            System.exit(2);
        }
        List<Row> rows = read(Path.of(args[0]));
        String note = args.length > 2 ? args[2] : "";
        Path outDir = Path.of(args[1]);
        Files.createDirectories(outDir);
        String markdown = markdown(rows, note);
        Files.writeString(outDir.resolve("broker-bench.md"), markdown, StandardCharsets.UTF_8);
        Files.writeString(outDir.resolve("broker-bench.json"), json(rows, note), StandardCharsets.UTF_8);
        System.out.print(markdown);
    }

    static List<Row> read(Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("system\t")) {
                continue;
            }
            String[] f = line.split("\t");
            rows.add(new Row(f[0], f[1], Integer.parseInt(f[2]), f[3], Double.parseDouble(f[4]), Long.parseLong(f[5]),
                    Long.parseLong(f[6]), Long.parseLong(f[8])));
        }
        return rows;
    }

    /** Flush mode and cell, in first-seen order, to system, in first-seen order, to its summary. */
    static Map<String, Map<String, Summary>> summarise(List<Row> rows) {
        Map<String, Map<String, List<Row>>> grouped = new LinkedHashMap<>();
        for (Row row : rows) {
            grouped.computeIfAbsent(row.flush() + " " + row.cell(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(row.system(), k -> new ArrayList<>()).add(row);
        }
        Map<String, Map<String, Summary>> summaries = new LinkedHashMap<>();
        grouped.forEach((key, bySystem) -> {
            Map<String, Summary> out = new LinkedHashMap<>();
            bySystem.forEach((system, list) -> out.put(system, summary(list)));
            summaries.put(key, out);
        });
        return summaries;
    }

    private static Summary summary(List<Row> rows) {
        double[] rates = rows.stream().mapToDouble(Row::rate).sorted().toArray();
        double[] p50 = rows.stream().mapToDouble(Row::p50Micros).sorted().toArray();
        double[] p99 = rows.stream().mapToDouble(Row::p99Micros).sorted().toArray();
        long failures = rows.stream().mapToLong(Row::failures).sum();
        return new Summary(rows.size(), median(rates), rates[0], rates[rates.length - 1], (long) median(p50),
                (long) median(p99), failures);
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static String markdown(List<Row> rows, String note) {
        Set<String> systems = new LinkedHashSet<>();
        rows.forEach(r -> systems.add(r.system()));
        List<String> names = List.copyOf(systems);
        StringBuilder out = new StringBuilder();
        if (!note.isBlank()) {
            out.append(note).append("\n\n");
        }
        out.append("| flush | cell |");
        for (String s : names) {
            out.append(' ').append(s).append(" msgs/s (range) | ").append(s).append(" p50/p99 ms |");
        }
        boolean ratio = names.size() == 2;
        if (ratio) {
            out.append(' ').append(names.get(0)).append('/').append(names.get(1)).append(" |");
        }
        out.append("\n|---|---|");
        out.append("---|---|".repeat(names.size()));
        if (ratio) {
            out.append("---|");
        }
        out.append('\n');
        summarise(rows).forEach((key, bySystem) -> {
            String[] parts = key.split(" ", 2);
            out.append("| ").append(parts[0]).append(" | ").append(parts[1]).append(" |");
            for (String s : names) {
                Summary m = bySystem.get(s);
                if (m == null) {
                    out.append(" - | - |");
                    continue;
                }
                out.append(String.format(Locale.ROOT, " %,.0f (%,.0f–%,.0f)%s | %s |", m.medianRate(), m.minRate(),
                        m.maxRate(), m.failures() > 0 ? " ⚠" + m.failures() + " failed" : "",
                        m.medianP99() == 0 ? "-" : String.format(Locale.ROOT, "%.2f / %.2f", m.medianP50() / 1000.0,
                                m.medianP99() / 1000.0)));
            }
            if (ratio) {
                Summary a = bySystem.get(names.get(0));
                Summary b = bySystem.get(names.get(1));
                out.append(a == null || b == null || b.medianRate() == 0 ? " - |"
                        : String.format(Locale.ROOT, " %.2fx |", a.medianRate() / b.medianRate()));
            }
            out.append('\n');
        });
        return out.toString();
    }

    static String json(List<Row> rows, String note) {
        StringBuilder out = new StringBuilder("{\n  \"note\": \"").append(escape(note)).append("\",\n  \"cells\": [");
        String sep = "\n";
        for (Map.Entry<String, Map<String, Summary>> e : summarise(rows).entrySet()) {
            String[] parts = e.getKey().split(" ", 2);
            for (Map.Entry<String, Summary> s : e.getValue().entrySet()) {
                Summary m = s.getValue();
                out.append(sep).append(String.format(Locale.ROOT,
                        "    {\"flush\": \"%s\", \"cell\": \"%s\", \"system\": \"%s\", \"rounds\": %d, "
                                + "\"msgsPerSecMedian\": %.0f, \"msgsPerSecMin\": %.0f, \"msgsPerSecMax\": %.0f, "
                                + "\"p50MicrosMedian\": %d, \"p99MicrosMedian\": %d, \"failures\": %d}",
                        escape(parts[0]), escape(parts[1]), escape(s.getKey()), m.rounds(), m.medianRate(),
                        m.minRate(), m.maxRate(), m.medianP50(), m.medianP99(), m.failures()));
                sep = ",\n";
            }
        }
        return out.append("\n  ]\n}\n").toString();
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
