package io.gantry.nameserver.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KvConfigTableTest {

    private final KvConfigTable kv = new KvConfigTable(3);

    @Test
    void putGetDeleteAndList() {
        kv.put("NS", "b", "2");
        kv.put("NS", "a", "1");
        kv.put("NS", "a", "one");

        assertThat(kv.get("NS", "a")).contains("one");
        assertThat(kv.get("NS", "zz")).isEmpty();
        assertThat(kv.get("OTHER", "a")).isEmpty();
        assertThat(kv.list("NS").orElseThrow()).containsExactly(Map.entry("a", "one"), Map.entry("b", "2"));
        assertThat(kv.size()).isEqualTo(2);

        assertThat(kv.delete("NS", "a")).isTrue();
        assertThat(kv.delete("NS", "a")).isFalse();
        assertThat(kv.delete("NS", "b")).isTrue();
        assertThat(kv.list("NS")).isEmpty();
        assertThat(kv.size()).isZero();
    }

    @Test
    void refusesEntriesBeyondTheLimitButAllowsReplacing() {
        kv.put("A", "1", "x");
        kv.put("A", "2", "x");
        kv.put("B", "1", "x");

        assertThatThrownBy(() -> kv.put("B", "2", "x")).isInstanceOf(IllegalStateException.class).hasMessageContaining("full");
        kv.put("B", "1", "y");
        assertThat(kv.get("B", "1")).contains("y");
        assertThat(kv.get("B", "2")).isEmpty();
    }

    @Test
    void changeListenerHearsRealChangesOnly() {
        int[] changes = new int[1];
        kv.setChangeListener(() -> changes[0]++);

        kv.put("NS", "a", "1");
        kv.put("NS", "a", "1");
        kv.put("NS", "a", "2");
        kv.delete("NS", "nope");
        kv.delete("NS", "a");

        assertThat(changes[0]).isEqualTo(3);
        assertThat(kv.snapshot()).isEmpty();
    }
}
