package io.gantry.simulation;

import io.gantry.runtime.Connection;
import io.gantry.runtime.ConnectionHandler;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Test handler: remembers opens, frames (as ints from their first 4 bytes) and closes. */
final class RecordingHandler implements ConnectionHandler {

    final List<Connection> opened = new ArrayList<>();
    final List<Integer> frames = new ArrayList<>();
    final List<Throwable> closeCauses = new ArrayList<>();
    int closes;
    boolean allCallbacksOnLoop = true;
    private final SimNode node;

    RecordingHandler(SimNode node) {
        this.node = node;
    }

    @Override
    public void onOpen(Connection connection) {
        checkLoop();
        opened.add(connection);
    }

    @Override
    public void onFrame(Connection connection, ByteBuffer frame) {
        checkLoop();
        frames.add(frame.getInt(0));
    }

    @Override
    public void onClose(Connection connection, Throwable cause) {
        checkLoop();
        closes++;
        closeCauses.add(cause);
    }

    private void checkLoop() {
        allCallbacksOnLoop &= node.context().scheduler().inLoop();
    }

    static ByteBuffer frame(int value) {
        return ByteBuffer.allocate(4).putInt(0, value);
    }
}
