package io.gantry.nameserver.handler;

import io.gantry.protocol.remoting.RemotingCommand;

/**
 * Answers one kind of nameserver request: a pure function of the request, the context and the
 * nameserver's tables, run on the node's loop. It may throw
 * {@link io.gantry.protocol.header.HeaderException} for a malformed header and
 * {@link io.gantry.protocol.remoting.ProtocolException} for a malformed body;
 * {@link NameServerHandlers#handle} turns those into error responses.
 */
@FunctionalInterface
public interface RequestHandler {

    RemotingCommand handle(RequestContext context, RemotingCommand request);
}
