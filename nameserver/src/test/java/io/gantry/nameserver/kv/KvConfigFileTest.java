package io.gantry.nameserver.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.runtime.Disk;
import io.gantry.runtime.DiskFile;
import io.gantry.runtime.prod.FileDisk;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KvConfigFileTest {

    @TempDir
    Path dir;

    @Test
    void missingFileIsAnEmptyTable() throws IOException {
        assertThat(KvConfigFile.read(new FileDisk(dir))).isEmpty();
    }

    @Test
    void writeThenReadInRocketMqsShape() throws IOException {
        Disk disk = new FileDisk(dir);
        Map<String, Map<String, String>> table = Map.of("ORDER_TOPIC_CONFIG", Map.of("T", "broker-a:4"), "NS", Map.of("k", "v"));

        KvConfigFile.write(disk, table);
        KvConfigFile.write(disk, table);

        assertThat(KvConfigFile.read(disk)).isEqualTo(table);
        assertThat(Files.readString(dir.resolve(KvConfigFile.FILE_NAME)))
                .isEqualTo("{\"configTable\":{\"NS\":{\"k\":\"v\"},\"ORDER_TOPIC_CONFIG\":{\"T\":\"broker-a:4\"}}}");
        assertThat(Files.exists(dir.resolve(KvConfigFile.FILE_NAME + ".tmp"))).isFalse();
    }

    @Test
    void corruptFileFailsNamingIt() throws IOException {
        Disk disk = new FileDisk(dir);
        try (DiskFile file = disk.open(KvConfigFile.FILE_NAME, true)) {
            file.write(0, ByteBuffer.wrap("{\"configTable\":".getBytes(StandardCharsets.UTF_8)));
        }

        assertThatThrownBy(() -> KvConfigFile.read(disk)).isInstanceOf(IOException.class).hasMessageContaining(KvConfigFile.FILE_NAME);
    }
}
