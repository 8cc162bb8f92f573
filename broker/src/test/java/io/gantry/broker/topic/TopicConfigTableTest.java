package io.gantry.broker.topic;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.broker.config.BrokerConfig;
import io.gantry.protocol.body.PermName;
import io.gantry.protocol.body.TopicConfig;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TopicConfigTableTest {

    @Test
    void tbw102ExistsOnlyWithAutoCreateAndCarriesInherit() {
        TopicConfig key = new TopicConfigTable(BrokerConfig.builder().build()).get(TopicNames.AUTO_CREATE_TOPIC_KEY);
        assertThat(key.perm()).isEqualTo(PermName.READ | PermName.WRITE | PermName.INHERIT);
        assertThat(key.writeQueueNums()).isEqualTo(8);
        assertThat(new TopicConfigTable(BrokerConfig.builder().autoCreateTopicEnable(false).build())
                .get(TopicNames.AUTO_CREATE_TOPIC_KEY)).isNull();
    }

    @Test
    void autoCreateCopiesTheKeyTopicCappedAtItsQueuesAndBumpsTheVersion() {
        TopicConfigTable table = new TopicConfigTable(BrokerConfig.builder().build());
        AtomicInteger changes = new AtomicInteger();
        table.setChangeListener(changes::incrementAndGet);
        long before = table.dataVersion().counter();

        TopicConfig created = table.getOrCreateForSend("Orders", TopicNames.AUTO_CREATE_TOPIC_KEY, 4, 1_000);
        TopicConfig capped = table.getOrCreateForSend("Wide", TopicNames.AUTO_CREATE_TOPIC_KEY, 64, 2_000);

        assertThat(created.writeQueueNums()).isEqualTo(4);
        assertThat(created.perm()).isEqualTo(PermName.READ | PermName.WRITE);
        assertThat(capped.writeQueueNums()).isEqualTo(8);
        assertThat(table.dataVersion().counter()).isEqualTo(before + 2);
        assertThat(changes).hasValue(2);
        assertThat(table.getOrCreateForSend("Orders", TopicNames.AUTO_CREATE_TOPIC_KEY, 4, 3_000)).isSameAs(created);
        assertThat(changes).hasValue(2);
    }

    @Test
    void withoutAnInheritableKeyTopicNothingIsCreated() {
        TopicConfigTable table = new TopicConfigTable(BrokerConfig.builder().autoCreateTopicEnable(false).build());
        assertThat(table.getOrCreateForSend("Orders", TopicNames.AUTO_CREATE_TOPIC_KEY, 4, 1_000)).isNull();
        assertThat(table.getOrCreateForSend("Orders", "SELF_TEST_TOPIC", 4, 1_000)).isNull();
        assertThat(table.get("Orders")).isNull();
    }

    @Test
    void retryTopicsGetOneQueue() {
        TopicConfigTable table = new TopicConfigTable(BrokerConfig.builder().autoCreateTopicEnable(false).build());
        assertThat(table.getOrCreateForSend("%RETRY%CG", null, 4, 1_000).writeQueueNums()).isEqualTo(1);
    }

    @Test
    void topicNameRules() {
        assertThat(TopicNames.whyIllegal("Orders_2-x%|y")).isNull();
        assertThat(TopicNames.whyIllegal("")).isNotNull();
        assertThat(TopicNames.whyIllegal("has space")).contains("illegal characters");
        assertThat(TopicNames.whyIllegal("a".repeat(128))).contains("127");
        assertThat(TopicNames.isNotSendable("SCHEDULE_TOPIC_XXXX")).isTrue();
        assertThat(TopicNames.isNotSendable("Orders")).isFalse();
    }
}
