/**
 * Cross-checks of Gantry's wire protocol against the official Apache RocketMQ 4.9.8 jars, which
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
 *   <li>{@code GoldenVectorsTest}: produces the golden vectors in
 *       {@code protocol/src/test/resources/golden/} with the official codec and checks the
 *       committed files still match (regenerate with {@code -Dgantry.golden.write=true}; see
 *       {@code docs/protocol.md}).</li>
 * </ul>
 * Case counts and the quirks found are listed in {@code docs/protocol.md}.
 */
package io.gantry.compat.rocketmq4;
