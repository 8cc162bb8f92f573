/**
 * Consumers: the lite pull consumer ({@link io.gantry.client.consumer.GantryLitePullConsumer} over
 * {@link io.gantry.client.consumer.LitePullCore}) and the push consumer
 * ({@link io.gantry.client.consumer.GantryPushConsumer} over
 * {@link io.gantry.client.consumer.PushConsumerCore}), with the pull and offset RPCs they share.
 */
package io.gantry.client.consumer;
