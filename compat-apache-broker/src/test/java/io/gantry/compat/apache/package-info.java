/**
 * Gantry's client against Apache RocketMQ 4.9.7's own nameserver and broker, started in-process
 * on loopback: what lets the harness drive other RocketMQ-compatible implementations.
 */
package io.gantry.compat.apache;
