package io.gantry.bench.official;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;

/**
 * Synchronous sends from N threads sharing one producer, as fast as answers come back; the latency of a send is
 * the time {@code send} blocks. A send that throws or answers anything but SEND_OK counts as a failure.
 */
final class SyncSendCell {

    private static final long JOIN_TIMEOUT_MS = 60_000;

    private final DefaultMQProducer producer;
    private final String topic;

    SyncSendCell(DefaultMQProducer producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    CellResult run(String cell, int bodyBytes, int threads, long warmupMs, long measureMs)
            throws InterruptedException {
        MeasuredWindow window = new MeasuredWindow();
        byte[] body = Bodies.of(bodyBytes);
        List<Thread> senders = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread sender = new Thread(() -> sendUntilStopped(window, body), cell + "-sender-" + i);
            sender.setDaemon(true);
            senders.add(sender);
            sender.start();
        }
        CellResult result = window.run(cell, warmupMs, measureMs);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(JOIN_TIMEOUT_MS);
        for (Thread sender : senders) {
            sender.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        return result;
    }

    private void sendUntilStopped(MeasuredWindow window, byte[] body) {
        while (!window.stopped()) {
            long start = System.nanoTime();
            try {
                SendResult result = producer.send(new Message(topic, body));
                if (result.getSendStatus() == SendStatus.SEND_OK) {
                    window.recordLatency(System.nanoTime() - start);
                } else {
                    window.recordFailure();
                }
            } catch (Exception e) {
                window.recordFailure();
            }
        }
    }
}
