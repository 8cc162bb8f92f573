/**
 * End-to-end tests: Gantry's client against Gantry's nameserver and broker, each node on its own
 * production runtime (real Netty sockets on loopback, real files in a temporary directory).
 */
package io.gantry.e2e;
