/**
 * A broker benchmark on the official Apache RocketMQ client, pointed at any nameserver address so that Gantry and
 * Apache RocketMQ are measured by the same code in the same run. {@link io.gantry.bench.official.BrokerBench} is the
 * driver main, {@link io.gantry.bench.official.BenchReport} turns the rows of several runs into the side-by-side
 * table; {@code bench/broker-bench.sh} starts the servers and runs both. Test sources only: the official client
 * stays out of Gantry's production class path.
 */
package io.gantry.bench.official;
