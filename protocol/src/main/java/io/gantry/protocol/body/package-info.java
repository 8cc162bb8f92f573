/**
 * JSON bodies of the remoting protocol as records, and {@link io.gantry.protocol.body.RemotingJson},
 * which reads and writes them with the official codec's quirks.
 */
package io.gantry.protocol.body;
