package io.gantry.client.route;

import io.gantry.protocol.body.BrokerData;
import io.gantry.protocol.body.MessageQueue;
import io.gantry.protocol.body.PermName;
import io.gantry.protocol.body.QueueData;
import io.gantry.protocol.body.TopicRouteData;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The queues a producer may write to for one topic: for each writable {@link QueueData} whose
 * broker has a master, sorted by broker name, queues {@code 0..writeQueueNums-1}. And the queues
 * a consumer reads: the read queues of readable brokers. Immutable.
 */
public record TopicPublishInfo(String topic, List<MessageQueue> writeQueues, List<MessageQueue> readQueues) {

    public TopicPublishInfo {
        writeQueues = List.copyOf(writeQueues);
        readQueues = List.copyOf(readQueues);
    }

    /** Builds the queue lists from a route; {@code queueLimit} caps queues per broker (auto-create uses 4). */
    public static TopicPublishInfo from(String topic, TopicRouteData route, int queueLimit) {
        List<QueueData> queueDatas = new ArrayList<>(route.queueDatas());
        queueDatas.sort(Comparator.comparing(QueueData::brokerName));
        List<MessageQueue> write = new ArrayList<>();
        List<MessageQueue> read = new ArrayList<>();
        for (QueueData data : queueDatas) {
            BrokerData broker = route.brokerDatas().stream()
                    .filter(b -> b.brokerName().equals(data.brokerName())).findFirst().orElse(null);
            if (broker == null) {
                continue;
            }
            if (PermName.isWriteable(data.perm()) && broker.masterAddr() != null) {
                for (int q = 0; q < Math.min(data.writeQueueNums(), queueLimit); q++) {
                    write.add(new MessageQueue(topic, data.brokerName(), q));
                }
            }
            if (PermName.isReadable(data.perm())) {
                for (int q = 0; q < Math.min(data.readQueueNums(), queueLimit); q++) {
                    read.add(new MessageQueue(topic, data.brokerName(), q));
                }
            }
        }
        return new TopicPublishInfo(topic, write, read);
    }
}
