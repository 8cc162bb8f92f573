package io.gantry.nameserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NameServerConfigTest {

    @Test
    void defaultsAreRocketMqs() {
        NameServerConfig config = NameServerConfig.defaults();

        assertThat(config.listenPort()).isEqualTo(9876);
        assertThat(config.scanNotActiveBrokerIntervalMs()).isEqualTo(5_000);
        assertThat(config.brokerChannelExpiredTimeMs()).isEqualTo(120_000);
        assertThat(config.orderMessageEnable()).isFalse();
        assertThat(config.listenAddress()).isEqualTo("0.0.0.0:9876");
    }

    @Test
    void badValuesAreNamedByKey() {
        NameServerConfig d = NameServerConfig.defaults();
        assertThatThrownBy(() -> d.withListen("127.0.0.1", 70_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("listenPort:");
        assertThatThrownBy(() -> d.withListen(" ", 1))
                .hasMessageStartingWith("listenHost:");
        assertThatThrownBy(() -> new NameServerConfig("h", 1, 0, 1, false, 1, 1, 1))
                .hasMessageStartingWith("scanNotActiveBrokerIntervalMs:");
        assertThatThrownBy(() -> new NameServerConfig("h", 1, 1, -5, false, 1, 1, 1))
                .hasMessageStartingWith("brokerChannelExpiredTimeMs:");
        assertThatThrownBy(() -> new NameServerConfig("h", 1, 1, 1, false, 0, 1, 1))
                .hasMessageStartingWith("maxBrokerAddrs:");
    }
}
