package io.gantry.protocol.body;

import java.util.List;
import java.util.Map;

/**
 * GET_ROUTEINFO_BY_TOPIC response body. {@code queueDatas} and {@code brokerDatas} are never null
 * (the official client requires them); {@code filterServerTable} is obsolete and sent empty.
 *
 * @param orderTopicConf optional {@code brokerName:n;brokerName:n} for globally ordered topics
 */
public record TopicRouteData(String orderTopicConf, List<QueueData> queueDatas, List<BrokerData> brokerDatas,
                             Map<String, List<String>> filterServerTable) {

    public TopicRouteData {
        queueDatas = Copies.list(queueDatas);
        brokerDatas = Copies.list(brokerDatas);
        filterServerTable = Copies.map(filterServerTable);
    }

    public TopicRouteData(List<QueueData> queueDatas, List<BrokerData> brokerDatas) {
        this(null, queueDatas, brokerDatas, Map.of());
    }
}
