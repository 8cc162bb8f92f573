package io.gantry.runtime.prod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.runtime.DiskFile;
import io.gantry.runtime.DiskFullException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDiskTest {

    @TempDir
    Path root;

    private FileDisk disk;

    @BeforeEach
    void setUp() throws IOException {
        disk = new FileDisk(root);
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String read(DiskFile file, long position, int length) throws IOException {
        ByteBuffer dst = ByteBuffer.allocate(length);
        int n = file.read(position, dst);
        return n < 0 ? null : new String(dst.array(), 0, n, StandardCharsets.UTF_8);
    }

    @Test
    void writeThenReadBackAtPositions() throws IOException {
        try (DiskFile file = disk.open("a.log", true)) {
            assertThat(file.path()).isEqualTo("a.log");
            ByteBuffer src = bytes("hello world");
            file.write(0, src);
            assertThat(src.hasRemaining()).isFalse();
            file.write(6, bytes("WORLD"));
            file.force();
            assertThat(file.sizeBytes()).isEqualTo(11);
            assertThat(read(file, 0, 11)).isEqualTo("hello WORLD");
            assertThat(read(file, 6, 100)).isEqualTo("WORLD");
            assertThat(read(file, 11, 4)).isNull();
            assertThat(read(file, 50, 4)).isNull();
        }
        assertThat(Files.readString(root.resolve("a.log"))).isEqualTo("hello WORLD");
    }

    @Test
    void writingPastTheEndLeavesAZeroGap() throws IOException {
        try (DiskFile file = disk.open("gap", true)) {
            file.write(4, bytes("x"));
            ByteBuffer dst = ByteBuffer.allocate(5);
            assertThat(file.read(0, dst)).isEqualTo(5);
            assertThat(dst.array()).containsExactly(0, 0, 0, 0, 'x');
        }
    }

    @Test
    void largeWriteIsDrainedCompletely() throws IOException {
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        try (DiskFile file = disk.open("big", true)) {
            file.write(100, ByteBuffer.wrap(data));
            assertThat(file.sizeBytes()).isEqualTo(100L + data.length);
            ByteBuffer dst = ByteBuffer.allocate(data.length);
            assertThat(file.read(100, dst)).isEqualTo(data.length);
            assertThat(dst.array()).isEqualTo(data);
        }
    }

    @Test
    void truncateShrinksAndGrows() throws IOException {
        try (DiskFile file = disk.open("t", true)) {
            file.write(0, bytes("0123456789"));
            file.truncate(4);
            assertThat(file.sizeBytes()).isEqualTo(4);
            assertThat(read(file, 0, 10)).isEqualTo("0123");
            file.truncate(8);
            assertThat(file.sizeBytes()).isEqualTo(8);
            ByteBuffer dst = ByteBuffer.allocate(8);
            assertThat(file.read(0, dst)).isEqualTo(8);
            assertThat(dst.array()).containsExactly('0', '1', '2', '3', 0, 0, 0, 0);
        }
    }

    @Test
    void openWithoutCreateFailsForAMissingFile() {
        assertThatThrownBy(() -> disk.open("missing", false)).isInstanceOf(NoSuchFileException.class);
        assertThat(disk.exists("missing")).isFalse();
    }

    @Test
    void directoriesListRenameAndDelete() throws IOException {
        assertThat(disk.list("store")).isEmpty();
        disk.createDirectories("store/commitlog");
        disk.createDirectories("store/commitlog");
        for (String name : new String[] {"c", "a", "b"}) {
            try (DiskFile file = disk.open("store/commitlog/" + name, true)) {
                file.write(0, bytes(name));
            }
        }
        disk.syncDirectory("store/commitlog");
        assertThat(disk.list("store/commitlog")).containsExactly("a", "b", "c");
        assertThat(disk.list("store")).containsExactly("commitlog");
        assertThat(disk.list("")).containsExactly("store");

        disk.rename("store/commitlog/a", "store/commitlog/b");
        disk.syncDirectory("store/commitlog");
        assertThat(disk.list("store/commitlog")).containsExactly("b", "c");
        try (DiskFile file = disk.open("store/commitlog/b", false)) {
            assertThat(read(file, 0, 10)).isEqualTo("a");
        }

        assertThat(disk.delete("store/commitlog/b")).isTrue();
        assertThat(disk.delete("store/commitlog/b")).isFalse();
        assertThat(disk.exists("store/commitlog/c")).isTrue();
        assertThat(disk.exists("store/commitlog")).isTrue();
        assertThatThrownBy(() -> disk.delete("store/commitlog")).isInstanceOf(IOException.class);
        assertThat(disk.delete("store/commitlog/c")).isTrue();
        assertThat(disk.delete("store/commitlog")).isTrue();
        assertThat(disk.list("store")).isEmpty();
    }

    @Test
    void syncOfAMissingDirectoryFails() {
        assertThatThrownBy(() -> disk.syncDirectory("nope")).isInstanceOf(IOException.class);
    }

    @Test
    void pathsAreConfinedToTheRoot() {
        for (String bad : new String[] {"/etc/passwd", "..", "../x", "a/../../x", "a/..", "a\\b", "a\0b"}) {
            assertThatThrownBy(() -> disk.open(bad, true)).as(bad).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> disk.exists(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> disk.rename("a", "../b")).isInstanceOf(IllegalArgumentException.class);
        assertThat(disk.resolve("a//b/./c/")).isEqualTo(root.toAbsolutePath().normalize().resolve("a/b/c"));
    }

    @Test
    void spaceComesFromTheFileStore() throws IOException {
        assertThat(disk.totalSpaceBytes()).isPositive();
        assertThat(disk.usableSpaceBytes()).isBetween(0L, disk.totalSpaceBytes());
    }

    @Test
    void enospcBecomesDiskFull() {
        IOException enospc = new IOException("No space left on device");
        IOException translated = FileDisk.translate("f", enospc);
        assertThat(translated).isInstanceOf(DiskFullException.class).hasCause(enospc).hasMessageContaining("f");
        IOException other = new IOException("Input/output error");
        assertThat(FileDisk.translate("f", other)).isSameAs(other);
    }

    @Test
    void forceMayRunConcurrentlyWithWrites() throws Exception {
        try (EventLoopScheduler scheduler = new EventLoopScheduler("disk-node");
                DiskFile file = disk.open("concurrent", true)) {
            java.util.concurrent.CompletableFuture<Long> sizeAfterForce = new java.util.concurrent.CompletableFuture<>();
            scheduler.execute(() -> {
                try {
                    file.write(0, bytes("before"));
                } catch (IOException e) {
                    sizeAfterForce.completeExceptionally(e);
                    return;
                }
                scheduler.offload(() -> {
                    file.force();
                    return file.sizeBytes();
                }).whenComplete((size, error) -> {
                    if (error != null) {
                        sizeAfterForce.completeExceptionally(error);
                    } else {
                        sizeAfterForce.complete(size);
                    }
                });
                try {
                    file.write(6, bytes("after"));
                } catch (IOException e) {
                    sizeAfterForce.completeExceptionally(e);
                }
            });
            assertThat(sizeAfterForce.get(5, java.util.concurrent.TimeUnit.SECONDS)).isGreaterThanOrEqualTo(6L);
        }
    }
}
