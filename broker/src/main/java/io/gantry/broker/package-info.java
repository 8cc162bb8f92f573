/**
 * The Broker: send, pull with long polling, heartbeats and client groups, consumer offsets and
 * queue locks, served over the protocol layer on the node's loop.
 *
 * <p>Entry point: {@link io.gantry.broker.Broker} ({@code new Broker(NodeContext, BrokerConfig,
 * StoreConfig)}, {@code start()}, {@code shutdown()}), configured by
 * {@link io.gantry.broker.config.BrokerConfig} (parsed from broker.conf by
 * {@link io.gantry.broker.config.BrokerConfigParser}). Parts: {@code topic} (topic table, names),
 * {@code group} (subscription groups), {@code offset} (consumer offsets), {@code client} (client
 * manager, queue locks), {@code longpoll} (held pulls), {@code persist} (atomic JSON files),
 * {@code registrar} (nameserver registration), {@code processor} (one class per request family),
 * {@code schedule} (delay levels, delayed-message delivery), {@code transaction} (half-message check-back).
 *
 * <p>Not built yet: some admin requests (broker config update, offset reset,
 * TPS figures), SQL92 filters, slaves.
 */
package io.gantry.broker;
