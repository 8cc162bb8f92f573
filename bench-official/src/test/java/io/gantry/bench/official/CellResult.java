package io.gantry.bench.official;

import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * One measured cell: how many operations completed in how long, and the latency percentiles of those operations
 * (zero for the consume cell, whose latency is not measured). One tab-separated row in the results file.
 *
 * @param cell cell name, for example {@code sync-1KiB-32t}
 * @param messages operations that completed inside the measured window
 * @param failures sends that threw or did not answer SEND_OK inside the window
 * @param seconds length of the measured window
 * @param p50Micros median latency in microseconds
 * @param p99Micros 99th percentile latency in microseconds
 */
record CellResult(String cell, long messages, long failures, double seconds, long p50Micros, long p99Micros) {

    static final String HEADER = "system\tflush\tround\tcell\tmsgs_per_s\tp50_us\tp99_us\tmessages\tfailures\tseconds";

    static CellResult of(String cell, Histogram latencyNanos, long failures, double seconds) {
        return new CellResult(cell, latencyNanos.getTotalCount(), failures, seconds,
                latencyNanos.getValueAtPercentile(50) / 1_000, latencyNanos.getValueAtPercentile(99) / 1_000);
    }

    double messagesPerSecond() {
        return messages / seconds;
    }

    String row(BenchOptions options) {
        return String.format(Locale.ROOT, "%s\t%s\t%d\t%s\t%.0f\t%d\t%d\t%d\t%d\t%.3f", options.system(),
                options.flush(), options.round(), cell, messagesPerSecond(), p50Micros, p99Micros, messages, failures,
                seconds);
    }
}
