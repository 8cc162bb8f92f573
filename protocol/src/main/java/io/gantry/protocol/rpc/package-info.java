/**
 * The RPC layer over the runtime seams: request/response correlation by opaque, per-request
 * timeouts on the node's scheduler, oneway requests, dispatch of incoming requests by code, and
 * requests in both directions over one connection.
 *
 * <p>{@link io.gantry.protocol.rpc.RpcServer} accepts, {@link io.gantry.protocol.rpc.RpcClient}
 * connects (one channel per address); both wrap connections in
 * {@link io.gantry.protocol.rpc.RemotingChannel}, which sends requests and hands incoming ones to
 * the {@link io.gantry.protocol.rpc.RequestProcessor}s of a
 * {@link io.gantry.protocol.rpc.ProcessorRegistry}. Failures are
 * {@link io.gantry.protocol.rpc.RpcException}s, either definite (not sent) or indeterminate (sent,
 * no answer). Everything runs on the node's loop and uses only the seams, so the same classes run
 * over Netty in production and over the simulated network.
 */
package io.gantry.protocol.rpc;
