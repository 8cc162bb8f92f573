package io.gantry.simulation.toy;

import io.gantry.runtime.Connection;
import io.gantry.runtime.ConnectionHandler;
import io.gantry.runtime.DiskFile;
import io.gantry.runtime.Listener;
import io.gantry.runtime.NodeContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * The echo server node: answers every frame with the same bytes, and appends each frame's
 * 8-byte sequence number to a journal file, forced in groups by a periodic flush, so the toy
 * exercises the disk seam (page cache, force, recovery after power loss) too.
 *
 * <p>On start it recovers: the journal's length is truncated to a whole number of 8-byte
 * entries, since a power loss may tear the last unforced write.
 */
public final class EchoServer {

    static final String JOURNAL = "echo/journal";
    static final int ENTRY_BYTES = Long.BYTES;
    static final long FLUSH_INTERVAL_MS = 50;

    private final NodeContext node;
    private final String listenAddress;
    private DiskFile journal;
    private long journalEndBytes;
    private boolean flushInFlight;
    private long recoveredEntries;
    private long echoedFrames;
    private Listener listener;

    public EchoServer(NodeContext node, String listenAddress) {
        this.node = node;
        this.listenAddress = listenAddress;
    }

    /** Recovers the journal and starts listening. Call on the node's loop. */
    public void start() {
        try {
            node.disk().createDirectories("echo");
            journal = node.disk().open(JOURNAL, true);
            long sizeBytes = journal.sizeBytes();
            journalEndBytes = sizeBytes - sizeBytes % ENTRY_BYTES;
            if (journalEndBytes != sizeBytes) {
                journal.truncate(journalEndBytes);
            }
            recoveredEntries = journalEndBytes / ENTRY_BYTES;
            listener = node.network().listen(listenAddress, new Handler());
        } catch (IOException e) {
            throw new UncheckedIOException("echo server failed to start on " + node.nodeId(), e);
        }
        node.scheduler().schedulePeriodic(FLUSH_INTERVAL_MS, FLUSH_INTERVAL_MS, this::flush);
    }

    /** The address clients connect to (the real one when listening on port 0). */
    public String address() {
        return listener.address();
    }

    public long recoveredEntries() {
        return recoveredEntries;
    }

    public long echoedFrames() {
        return echoedFrames;
    }

    private void flush() {
        if (flushInFlight) {
            return;
        }
        flushInFlight = true;
        DiskFile file = journal;
        node.scheduler().offload(() -> {
            file.force();
            return null;
        }).whenComplete((ignored, error) -> flushInFlight = false);
    }

    private final class Handler implements ConnectionHandler {
        @Override
        public void onFrame(Connection connection, ByteBuffer frame) {
            if (frame.remaining() >= ENTRY_BYTES) {
                ByteBuffer entry = ByteBuffer.allocate(ENTRY_BYTES).putLong(0, frame.getLong(0));
                try {
                    journal.write(journalEndBytes, entry);
                    journalEndBytes += ENTRY_BYTES;
                } catch (IOException e) {
                    // The echo still goes out: the journal is only there to exercise the disk.
                    connection.close();
                    return;
                }
            }
            echoedFrames++;
            connection.send(frame.duplicate());
        }

        @Override
        public void onClose(Connection connection, Throwable cause) {
            // Nothing to clean up: the server keeps no per-connection state.
        }
    }
}
