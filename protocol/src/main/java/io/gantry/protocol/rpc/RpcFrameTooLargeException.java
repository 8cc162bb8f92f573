package io.gantry.protocol.rpc;

/** Definite: the encoded request is larger than the network's max frame, so it was not sent. */
public final class RpcFrameTooLargeException extends RpcDefiniteException {

    private static final long serialVersionUID = 1L;

    private final long frameBytes;
    private final int maxFrameBytes;

    public RpcFrameTooLargeException(String remoteAddress, long frameBytes, int maxFrameBytes) {
        super(remoteAddress, "frame of " + frameBytes + " bytes exceeds the max frame of " + maxFrameBytes + " bytes", null);
        this.frameBytes = frameBytes;
        this.maxFrameBytes = maxFrameBytes;
    }

    public long frameBytes() {
        return frameBytes;
    }

    public int maxFrameBytes() {
        return maxFrameBytes;
    }
}
