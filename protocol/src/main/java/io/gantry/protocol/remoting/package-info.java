/**
 * The remoting frame: {@link io.gantry.protocol.remoting.RemotingCommand} and its codec
 * {@link io.gantry.protocol.remoting.RemotingCodec} (JSON and binary headers), plus the request,
 * response and language codes.
 */
package io.gantry.protocol.remoting;
