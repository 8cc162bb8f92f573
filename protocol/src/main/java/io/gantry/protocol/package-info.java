/**
 * RocketMQ's remoting wire format and Gantry's RPC layer over the runtime seams.
 */
package io.gantry.protocol;
