/** Splitting a topic's queues among a consumer group: pure allocation strategies and the rebalancer that feeds them. */
package io.gantry.client.consumer.rebalance;
