package io.gantry.broker.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DelayLevelsTest {

    @Test
    void defaultLevelsAreRocketMqsEighteen() {
        DelayLevels levels = DelayLevels.defaults();
        assertThat(levels.maxLevel()).isEqualTo(18);
        assertThat(levels.delayMs(1)).isEqualTo(1_000);
        assertThat(levels.delayMs(3)).isEqualTo(10_000);
        assertThat(levels.delayMs(5)).isEqualTo(60_000);
        assertThat(levels.delayMs(18)).isEqualTo(7_200_000);
    }

    @Test
    void levelsAreClampedAndZeroMeansNoDelay() {
        DelayLevels levels = DelayLevels.parse("2s 1d");
        assertThat(levels.clamp(0)).isZero();
        assertThat(levels.clamp(-4)).isZero();
        assertThat(levels.clamp(1)).isEqualTo(1);
        assertThat(levels.clamp(99)).isEqualTo(2);
        assertThat(levels.delayMs(2)).isEqualTo(86_400_000);
    }

    @Test
    void badTextNamesTheKey() {
        assertThatThrownBy(() -> DelayLevels.parse("1s 5x")).hasMessageContaining("messageDelayLevel");
        assertThatThrownBy(() -> DelayLevels.parse("s")).hasMessageContaining("messageDelayLevel");
        assertThatThrownBy(() -> DelayLevels.parse("")).hasMessageContaining("messageDelayLevel");
        assertThatThrownBy(() -> DelayLevels.parse("1s -5s")).hasMessageContaining("messageDelayLevel");
        assertThatThrownBy(() -> DelayLevels.parse("400d")).hasMessageContaining("messageDelayLevel");
        assertThatThrownBy(() -> DelayLevels.parse("1s ".repeat(DelayLevels.MAX_LEVELS + 1)))
                .hasMessageContaining("messageDelayLevel");
    }
}
