package io.gantry.broker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.store.FlushDiskType;
import org.junit.jupiter.api.Test;

class BrokerConfigParserTest {

    @Test
    void readsBrokerAndStoreKeysUnderRocketMqNames() {
        ParsedBrokerConfig parsed = BrokerConfigParser.parse("""
                # a comment
                brokerClusterName = ProdCluster
                brokerName=broker-b
                brokerId=0
                brokerRole=SYNC_MASTER
                namesrvAddr=10.0.0.1:9876;10.0.0.2:9876
                listenPort=20911
                brokerIP1=10.0.0.5
                autoCreateTopicEnable=false
                defaultTopicQueueNums=4
                flushDiskType=SYNC_FLUSH
                storePathRootDir=data/store
                fileReservedTime=48
                deleteWhen=04;16
                mappedFileSizeCommitLog=1073741824
                maxMessageSize=1048576
                """);
        BrokerConfig broker = parsed.broker();
        assertThat(broker.brokerClusterName()).isEqualTo("ProdCluster");
        assertThat(broker.brokerName()).isEqualTo("broker-b");
        assertThat(broker.brokerRole()).isEqualTo(BrokerRole.SYNC_MASTER);
        assertThat(broker.nameServerAddresses()).containsExactly("10.0.0.1:9876", "10.0.0.2:9876");
        assertThat(broker.listenAddress()).isEqualTo("10.0.0.5:20911");
        assertThat(broker.autoCreateTopicEnable()).isFalse();
        assertThat(broker.defaultTopicQueueNums()).isEqualTo(4);
        assertThat(broker.maxMessageSize()).isEqualTo(1048576);
        assertThat(parsed.store().flushDiskType()).isEqualTo(FlushDiskType.SYNC_FLUSH);
        assertThat(parsed.store().storePathRootDir()).isEqualTo("data/store");
        assertThat(parsed.store().fileReservedTime()).isEqualTo(48);
        assertThat(parsed.store().deleteWhenHours()).containsExactly(4, 16);
        assertThat(parsed.store().maxMessageSize()).isEqualTo(1048576);
        assertThat(parsed.warnings()).isEmpty();
    }

    @Test
    void unknownKeysWarnAndDefaultsHold() {
        ParsedBrokerConfig parsed = BrokerConfigParser.parse("brokerName=broker-a\nmysteryKnob=11\n");
        assertThat(parsed.warnings()).singleElement().asString().contains("mysteryKnob");
        assertThat(parsed.broker().listenPort()).isEqualTo(10911);
        assertThat(parsed.broker().brokerClusterName()).isEqualTo("DefaultCluster");
        assertThat(parsed.store().flushDiskType()).isEqualTo(FlushDiskType.ASYNC_FLUSH);
    }

    @Test
    void messageDelayLevelSetsTheLevelsAndTheScheduleTopicQueues() {
        BrokerConfig broker = BrokerConfigParser.parse("messageDelayLevel=2s 1m 3h\n").broker();
        assertThat(broker.messageDelayLevel()).isEqualTo("2s 1m 3h");
        assertThat(broker.asProperties()).containsEntry("messageDelayLevel", "2s 1m 3h");
        assertThat(new io.gantry.broker.topic.TopicConfigTable(broker).get("SCHEDULE_TOPIC_XXXX").readQueueNums())
                .isEqualTo(3);
        assertThat(BrokerConfigParser.parse("").broker().messageDelayLevel())
                .isEqualTo("1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h");
        assertThatThrownBy(() -> BrokerConfigParser.parse("messageDelayLevel=1s 5q"))
                .hasMessageContaining("messageDelayLevel");
    }

    @Test
    void invalidValuesNameTheirKey() {
        assertThatThrownBy(() -> BrokerConfigParser.parse("listenPort=abc"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("listenPort");
        assertThatThrownBy(() -> BrokerConfigParser.parse("listenPort=70000"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("listenPort");
        assertThatThrownBy(() -> BrokerConfigParser.parse("flushDiskType=SOMETIMES"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("flushDiskType");
        assertThatThrownBy(() -> BrokerConfigParser.parse("autoCreateTopicEnable=yes"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("autoCreateTopicEnable");
        assertThatThrownBy(() -> BrokerConfigParser.parse("brokerIP1=my-host"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("brokerIP1");
        assertThatThrownBy(() -> BrokerConfigParser.parse("namesrvAddr=nohostport"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("namesrvAddr");
        assertThatThrownBy(() -> BrokerConfigParser.parse("deleteWhen=25"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deleteWhen");
        assertThatThrownBy(() -> BrokerConfigParser.parse("brokerRole=SLAVE\nbrokerId=0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("brokerId");
        assertThatThrownBy(() -> BrokerConfigParser.parse("haMaxGapNotInSync=-1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("haMaxGapNotInSync");
    }

    @Test
    void exampleMasterSlaveConfsParseWithoutWarnings() throws Exception {
        java.nio.file.Path conf = java.nio.file.Path.of("..", "conf");
        int files = 0;
        for (String setup : java.util.List.of("2m-2s-sync", "2m-2s-async")) {
            for (String name : java.util.List.of("broker-a", "broker-a-s", "broker-b", "broker-b-s")) {
                ParsedBrokerConfig parsed = BrokerConfigParser.parse(
                        java.nio.file.Files.readString(conf.resolve(setup).resolve(name + ".properties")));
                assertThat(parsed.warnings()).as(setup + "/" + name).isEmpty();
                assertThat(parsed.broker().brokerRole() == BrokerRole.SLAVE).isEqualTo(name.endsWith("-s"));
                files++;
            }
        }
        assertThat(files).isEqualTo(8);
    }

    @Test
    void slaveKeysParse() {
        BrokerConfig slave = BrokerConfigParser.parse("brokerRole=SLAVE\nbrokerId=1\nhaMasterAddress=10.0.0.1:10912\n"
                + "slaveReadEnable=true\nhaSendHeartbeatInterval=1000").broker();
        assertThat(slave.brokerRole()).isEqualTo(BrokerRole.SLAVE);
        assertThat(slave.haMasterAddress()).isEqualTo("10.0.0.1:10912");
        assertThat(slave.slaveReadEnable()).isTrue();
        assertThat(slave.haSendHeartbeatInterval()).isEqualTo(1000);
        assertThat(slave.haPortFor(10911)).isEqualTo(10912);
        assertThat(BrokerConfig.builder().haListenPort(20000).build().haPortFor(10911)).isEqualTo(20000);
    }

    @Test
    void registrationPeriodIsClamped() {
        assertThat(BrokerConfig.builder().registerNameServerPeriod(1_000).build().effectiveRegisterPeriodMs())
                .isEqualTo(10_000);
        assertThat(BrokerConfig.builder().registerNameServerPeriod(600_000).build().effectiveRegisterPeriodMs())
                .isEqualTo(60_000);
    }
}
