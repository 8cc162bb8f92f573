package io.gantry.store;

import io.gantry.protocol.message.HostAddress;
import io.gantry.protocol.message.MessageRecord;
import io.gantry.runtime.Connection;
import io.gantry.runtime.ConnectionHandler;
import io.gantry.runtime.Listener;
import io.gantry.runtime.Network;
import io.gantry.runtime.NodeContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/** A store on a {@link FaultyDisk} in a temp dir, driven by a {@link ManualScheduler}. */
final class StoreHarness {
    static final HostAddress BORN = HostAddress.of(new byte[] {10, 0, 0, 1}, 50000);
    static final HostAddress STORE = HostAddress.of(new byte[] {10, 0, 0, 2}, 10911);

    final ManualScheduler scheduler = new ManualScheduler();
    final FaultyDisk disk;
    final NodeContext ctx;

    StoreHarness(Path dir) {
        disk = new FaultyDisk(dir);
        disk.usedPercent = 10;
        ctx = new NodeContext("broker-test", scheduler.clock(), scheduler, disk, new NoNetwork(),
                new SplittableRandom(1));
    }

    static StoreConfig.Builder smallConfig() {
        return StoreConfig.builder()
                .mappedFileSizeCommitLog(8192)
                .mappedFileSizeConsumeQueue(10 * 20)
                .maxMessageSize(4096)
                .maxHashSlotNum(64)
                .maxIndexNum(200);
    }

    MessageStore open(StoreConfig config) throws Exception {
        MessageStore store = MessageStore.open(ctx, config);
        store.start();
        return store;
    }

    static MessageRecord message(String topic, int queueId, String body, String tags, String keys, String uniqKey) {
        Map<String, String> props = new LinkedHashMap<>();
        if (keys != null) {
            props.put("KEYS", keys);
        }
        if (uniqKey != null) {
            props.put("UNIQ_KEY", uniqKey);
        }
        if (tags != null) {
            props.put("TAGS", tags);
        }
        return MessageRecord.builder().topic(topic).queueId(queueId).body(body.getBytes(StandardCharsets.UTF_8))
                .properties(props).bornHost(BORN).storeHost(STORE).bornTimestamp(1_700_000_000_000L).build();
    }

    static MessageRecord message(String topic, int queueId, String body) {
        return message(topic, queueId, body, null, null, null);
    }

    /** A network that is never used by the store. */
    private static final class NoNetwork implements Network {
        @Override
        public Listener listen(String address, ConnectionHandler handler) {
            throw new UnsupportedOperationException("the store has no network");
        }

        @Override
        public CompletableFuture<Connection> connect(String address, ConnectionHandler handler) {
            throw new UnsupportedOperationException("the store has no network");
        }
    }
}
