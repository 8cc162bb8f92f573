package io.gantry.protocol.header;

import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.protocol.remoting.RequestCode;

/**
 * Decodes the send header whatever form the request code implies: long names for SEND_MESSAGE
 * (10), one-letter names for SEND_MESSAGE_V2 (310) and SEND_BATCH_MESSAGE (320).
 */
public final class SendMessageHeaders {

    private SendMessageHeaders() {
    }

    /**
     * The send header of {@code request}, always in the long-name form.
     *
     * @throws HeaderException if a required field is missing or malformed
     * @throws IllegalArgumentException if the request is not a send
     */
    public static SendMessageRequestHeader decode(RemotingCommand request) {
        return switch (request.code()) {
            case RequestCode.SEND_MESSAGE -> request.decodeHeader(SendMessageRequestHeader.class);
            case RequestCode.SEND_MESSAGE_V2, RequestCode.SEND_BATCH_MESSAGE, RequestCode.SEND_REPLY_MESSAGE_V2 ->
                    request.decodeHeader(SendMessageRequestHeaderV2.class).toV1();
            case RequestCode.SEND_REPLY_MESSAGE -> request.decodeHeader(SendMessageRequestHeader.class);
            default -> throw new IllegalArgumentException("not a send request: code " + request.code());
        };
    }
}
