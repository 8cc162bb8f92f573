package io.gantry.bench.official;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;

/**
 * Asynchronous sends from one thread that keeps a fixed number in flight: a new send goes out as soon as an answer
 * frees a slot. The latency of a send is from the call to its callback.
 */
final class AsyncSendCell {

    private static final long SEND_TIMEOUT_MS = 10_000;
    private static final long DRAIN_TIMEOUT_MS = 30_000;

    private final DefaultMQProducer producer;
    private final String topic;

    AsyncSendCell(DefaultMQProducer producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    CellResult run(String cell, int bodyBytes, int inFlight, long warmupMs, long measureMs)
            throws InterruptedException {
        MeasuredWindow window = new MeasuredWindow();
        Semaphore slots = new Semaphore(inFlight);
        byte[] body = Bodies.of(bodyBytes);
        Thread sender = new Thread(() -> {
            try {
                while (!window.stopped()) {
                    slots.acquire();
                    sendOne(window, slots, body);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, cell + "-sender");
        sender.setDaemon(true);
        sender.start();
        CellResult result = window.run(cell, warmupMs, measureMs);
        sender.join(DRAIN_TIMEOUT_MS);
        // The next cell starts with nothing of this one still in flight.
        if (slots.tryAcquire(inFlight, DRAIN_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
            slots.release(inFlight);
        }
        return result;
    }

    /** Sends {@code count} messages keeping {@code inFlight} outstanding; returns how many were acknowledged. */
    long sendAll(int bodyBytes, int inFlight, int count) throws InterruptedException {
        MeasuredWindow window = new MeasuredWindow();
        Semaphore slots = new Semaphore(inFlight);
        byte[] body = Bodies.of(bodyBytes);
        window.startCounting();
        for (int i = 0; i < count; i++) {
            slots.acquire();
            sendOne(window, slots, body);
        }
        if (!slots.tryAcquire(inFlight, DRAIN_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("backlog sends still unanswered after " + DRAIN_TIMEOUT_MS + " ms");
        }
        return window.finish("backlog").messages();
    }

    private void sendOne(MeasuredWindow window, Semaphore slots, byte[] body) {
        long start = System.nanoTime();
        try {
            producer.send(new Message(topic, body), new SendCallback() {
                @Override
                public void onSuccess(SendResult sendResult) {
                    if (sendResult.getSendStatus() == SendStatus.SEND_OK) {
                        window.recordLatency(System.nanoTime() - start);
                    } else {
                        window.recordFailure();
                    }
                    slots.release();
                }

                @Override
                public void onException(Throwable e) {
                    window.recordFailure();
                    slots.release();
                }
            }, SEND_TIMEOUT_MS);
        } catch (Exception e) {
            window.recordFailure();
            slots.release();
        }
    }
}
