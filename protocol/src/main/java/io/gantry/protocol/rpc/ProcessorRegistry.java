package io.gantry.protocol.rpc;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The request processors of one server or client, by request code. Register everything before
 * the server starts or the client first connects; used on the node's loop only.
 */
public final class ProcessorRegistry {

    /** Limit on registered codes: RocketMQ has a few hundred; more means a bug. */
    public static final int MAX_CODES = 4_096;

    private final Map<Integer, RequestProcessor> byCode = new TreeMap<>();

    /**
     * Makes {@code processor} handle requests with {@code requestCode}.
     *
     * @throws IllegalStateException if the code already has a processor
     */
    public ProcessorRegistry register(int requestCode, RequestProcessor processor) {
        Objects.requireNonNull(processor, "processor");
        if (byCode.containsKey(requestCode)) {
            throw new IllegalStateException("request code " + requestCode + " already has a processor");
        }
        if (byCode.size() >= MAX_CODES) {
            throw new IllegalStateException("more than " + MAX_CODES + " request codes registered");
        }
        byCode.put(requestCode, processor);
        return this;
    }

    /** The processor for {@code requestCode}, or null if none is registered. */
    public RequestProcessor processorFor(int requestCode) {
        return byCode.get(requestCode);
    }

    /** The registered codes, ascending. */
    public SortedSet<Integer> codes() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(byCode.keySet()));
    }
}
