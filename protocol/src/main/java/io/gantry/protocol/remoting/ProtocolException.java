package io.gantry.protocol.remoting;

/**
 * The one exception the protocol codecs throw for bytes that do not decode: a malformed frame,
 * header, JSON body, message record or id. The message says what was wrong and where.
 *
 * <p>Unchecked so codec calls compose in lambdas and loops; callers on the network path catch it
 * and close the connection (frames) or answer with an error response (headers, bodies).
 */
public class ProtocolException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ProtocolException(String reason) {
        super(reason);
    }

    public ProtocolException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
