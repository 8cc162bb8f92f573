/**
 * RocketMQ's remoting wire format and Gantry's RPC layer over the runtime seams.
 *
 * <ul>
 *   <li>{@code remoting}: frames ({@code RemotingCommand}, {@code RemotingCodec}) and codes;</li>
 *   <li>{@code header}: typed custom headers and {@code HeaderCodec};</li>
 *   <li>{@code body}: JSON bodies and {@code RemotingJson};</li>
 *   <li>{@code message}: stored records, properties, batches and message ids.</li>
 * </ul>
 * All of it is pure: no clock, threads, randomness, files or sockets.
 */
package io.gantry.protocol;
