package io.gantry.simulation;

/** Tags for {@link TraceHash#record}: one per kind of observable step. */
final class TraceKinds {
    static final int TASK = 1;
    static final int FRAME_DELIVERED = 2;
    static final int CONNECTION_OPENED = 3;
    static final int CONNECTION_CLOSED = 4;
    static final int CONNECT_FAILED = 5;
    static final int DISK_OP = 6;
    static final int FAULT = 7;
    static final int NODE_LIFECYCLE = 8;

    private TraceKinds() {
    }
}
