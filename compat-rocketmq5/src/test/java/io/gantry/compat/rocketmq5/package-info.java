/**
 * Cross-checks of Gantry's wire protocol against the official Apache RocketMQ 5.3.1 jars, which
 * are on this module's test class path only and serve as the oracle.
 *
 * <p>Class path proofs: {@code OfficialCodecSmokeTest} (official encode and decode, both
 * serialize types), {@code OfficialLoopbackSmokeTest} (official server and client on the Netty
 * this build pins), {@code OfficialRoundTripPropertyTest}. {@code OfficialFrames} turns official
 * commands into wire frames and back; {@code CommandChoices} and {@code GantryChoices} (compat-common) draw
 * official and Gantry commands from Gantry's choice engine.
 *
 * <p>The cross-checks, each a property in both directions (Gantry encodes, official decodes, and
 * the reverse), both serialize types, failures shrunk to a minimal choice sequence:
 * <ul>
 *   <li>{@code CommandCrossCheckTest}: whole frames, byte identity, JSON escaping, and one focused
 *       test per documented quirk;</li>
 *   <li>{@code HeaderCrossCheckTest}: every Gantry header record against the official class of the
 *       same name, by reflection ({@code OfficialHeaders});</li>
 *   <li>{@code BodyCrossCheckTest}: JSON bodies drawn by {@code BodyChoices} (compat-common), compared field by
 *       field through the converters in {@code OfficialBodies};</li>
 *   <li>{@code MessageCrossCheckTest}: stored records, pull bodies, batch bodies, offsetMsgIds,
 *       properties strings;</li>
 * </ul>
 * Case counts and the quirks found are listed in {@code docs/protocol.md}.
 *
 * <p>End to end: {@code OfficialClientAgainstGantryNameServerTest} (the official admin calls against
 * Gantry's nameserver) and {@code OfficialClientAgainstGantryBrokerTest} (the official 5.3.1 producer,
 * push, orderly, broadcasting and lite pull consumers, retries, delays, queries and transactions
 * against Gantry's nameserver and broker on loopback; a near-copy of the 4.9.8 module's test, with the
 * 5.x package names and the 5.x {@code viewMessage(topic, id)}).
 */
package io.gantry.compat.rocketmq5;
