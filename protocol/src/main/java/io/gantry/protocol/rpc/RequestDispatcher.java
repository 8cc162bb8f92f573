package io.gantry.protocol.rpc;

import io.gantry.protocol.header.HeaderException;
import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.protocol.remoting.RequestCode;
import io.gantry.protocol.remoting.ResponseCode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes an incoming request to its processor by code and turns whatever happens into at most one
 * response: the processor's answer, REQUEST_CODE_NOT_SUPPORTED for an unknown code, the code of a
 * {@link HeaderException}, or SYSTEM_ERROR for any other failure. No exception escapes to the
 * connection. Oneway requests never get a response.
 */
final class RequestDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(RequestDispatcher.class);

    private final ProcessorRegistry registry;

    RequestDispatcher(ProcessorRegistry registry) {
        this.registry = registry;
    }

    void dispatch(RemotingChannel channel, RemotingCommand request) {
        assert !request.isResponse();
        RequestProcessor processor = registry.processorFor(request.code());
        if (processor == null) {
            LOG.debug("{}: no processor for request code {}", channel, request.code());
            respond(channel, request, RemotingCommand.response(ResponseCode.REQUEST_CODE_NOT_SUPPORTED)
                    .remark("request type " + request.code() + " not supported").build());
            return;
        }
        CompletableFuture<RemotingCommand> result;
        try {
            result = processor.process(channel, request);
        } catch (Exception e) {
            respond(channel, request, failureResponse(channel, request, e));
            return;
        }
        if (result == null) {
            return;
        }
        result.whenComplete((response, failure) -> {
            if (failure != null) {
                respond(channel, request, failureResponse(channel, request, failure));
            } else if (response != null) {
                respond(channel, request, response);
            }
        });
    }

    private static RemotingCommand failureResponse(RemotingChannel channel, RemotingCommand request, Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof HeaderException header) {
            LOG.debug("{}: bad header in {}: {}", channel, RequestCode.nameOf(request.code()), header.remark());
            return RemotingCommand.response(header.responseCode()).remark(header.remark()).build();
        }
        LOG.warn("{}: processor for {} (code {}) failed", channel, RequestCode.nameOf(request.code()), request.code(), cause);
        return RemotingCommand.response(ResponseCode.SYSTEM_ERROR).remark(describe(cause)).build();
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static void respond(RemotingChannel channel, RemotingCommand request, RemotingCommand response) {
        if (request.isOneway()) {
            return;
        }
        RemotingCommand addressed = response.toBuilder()
                .opaque(request.opaque())
                .flag(response.flag() | RemotingCommand.FLAG_RESPONSE)
                .serializeType(request.serializeType())
                .build();
        channel.sendResponse(addressed);
    }
}
