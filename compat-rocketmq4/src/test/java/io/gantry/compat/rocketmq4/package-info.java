/**
 * Cross-checks of Gantry's wire protocol against the official Apache RocketMQ 4.9.8 jars, which
 * are on this module's test class path only and serve as the oracle.
 *
 * <p>What is here now proves the class path: {@code OfficialCodecSmokeTest} (official encode and
 * decode, both serialize types) and {@code OfficialLoopbackSmokeTest} (official server and client
 * on the Netty this build pins) and {@code OfficialRoundTripPropertyTest} (arbitrary commands
 * drawn by {@code CommandChoices} from Gantry's choice engine). {@code OfficialFrames} turns
 * official commands into wire frames and back; it is the "official side" of every cross-check.
 *
 * <p>Where the Gantry-vs-official cross-checks go, once Gantry's codec lands in gantry-protocol:
 * <ul>
 *   <li>{@code GantryEncodesOfficialDecodesTest}: frames written by Gantry's codec decode with
 *       {@code OfficialFrames.decode} to the same code, flag, opaque, version, language, remark,
 *       extFields and body, in both serialize types;</li>
 *   <li>{@code OfficialEncodesGantryDecodesTest}: the reverse direction;</li>
 *   <li>both as properties over generated commands, drawn with the choice engine from
 *       gantry-simulation ({@code io.gantry.simulation.choice}), so a mismatch shrinks to a
 *       minimal command;</li>
 *   <li>later, the official client ({@code rocketmq-client}, already on the class path) against a
 *       Gantry nameserver and broker on loopback.</li>
 * </ul>
 */
package io.gantry.compat.rocketmq4;
