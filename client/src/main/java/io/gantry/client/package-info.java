/**
 * Gantry's own client: producer, lite pull consumer, push consumer and admin client, written
 * against the runtime seams so the same classes run over Netty and inside the simulation.
 *
 * <p>Thread model: every client object's state lives on its node's loop (the
 * {@link io.gantry.runtime.Scheduler} of the {@link io.gantry.runtime.NodeContext} it was built
 * with). The "core" classes ({@code ProducerCore}, {@code LitePullCore}, ...) are loop-only and
 * return futures that complete on the loop: the simulation drives those. The public facades
 * ({@link io.gantry.client.producer.GantryProducer},
 * {@link io.gantry.client.consumer.GantryLitePullConsumer},
 * {@link io.gantry.client.consumer.GantryPushConsumer}, {@link io.gantry.client.admin.GantryAdmin})
 * submit to the loop and wait with a timeout, so they are safe from any user thread but must
 * never be called on the loop itself (they refuse, rather than deadlock).
 *
 * <p>Failures: a {@link io.gantry.client.ClientException} says whether the outcome is known.
 * {@link io.gantry.client.RequestFailedException} is definite (the request did not take effect);
 * {@link io.gantry.client.IndeterminateException} means it was sent and no answer came (a
 * timeout or a lost connection): a message may have been stored. Bad input is a
 * {@link io.gantry.client.ValidationException}, thrown before anything is sent.
 */
package io.gantry.client;
