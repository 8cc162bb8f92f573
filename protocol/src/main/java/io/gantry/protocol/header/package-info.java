/**
 * Typed custom headers: one record per request or response header, converted to and from a
 * command's extFields by {@link io.gantry.protocol.header.HeaderCodec}.
 */
package io.gantry.protocol.header;
