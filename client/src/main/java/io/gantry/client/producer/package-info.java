/**
 * The producer: {@link io.gantry.client.producer.GantryProducer} (blocking facade) over
 * {@link io.gantry.client.producer.ProducerCore} (loop). Sends are retried on another broker only
 * after definite failures; a timeout or lost connection is an
 * {@link io.gantry.client.IndeterminateException}.
 */
package io.gantry.client.producer;
