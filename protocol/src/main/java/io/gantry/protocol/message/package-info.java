/**
 * Messages on the wire and on disk: the stored record ({@link io.gantry.protocol.message.MessageRecordCodec}),
 * properties, batch bodies, message ids, sysFlag bits and tags codes.
 */
package io.gantry.protocol.message;
