package io.gantry.simulation.harness.cluster;

import io.gantry.client.consumer.ReceivedMessage;
import io.gantry.client.producer.Message;
import io.gantry.simulation.TraceHash;
import java.nio.charset.StandardCharsets;

/**
 * How workload values travel: the body starts with the value and a bar, then padding; the value is
 * also the message key; the ordered workload adds the sharding key as a property. The content hash
 * covers the body and the user properties, so a delivery with different content is caught while
 * the broker's own properties (offsets, cluster, region) do not count.
 */
final class Messages {

    static final String SHARD_PROPERTY = "shard";

    private Messages() {
    }

    static Message build(String topic, String value, String shard, int paddingBytes) {
        byte[] body = (value + "|" + "x".repeat(paddingBytes)).getBytes(StandardCharsets.UTF_8);
        Message.Builder b = Message.builder(topic, body).keys(value).tags(tagOf(value));
        if (shard != null) {
            b.property(SHARD_PROPERTY, shard);
        }
        return b.build();
    }

    static String tagOf(String value) {
        return "T" + Math.floorMod(value.hashCode(), 3);
    }

    static long contentHash(byte[] body, String keys, String tags, String shard) {
        String properties = "keys=" + keys + ";tags=" + tags + ";shard=" + shard;
        return TraceHash.mix(TraceHash.hashOf(body, 0, body.length) * 31 + TraceHash.hashOf(properties));
    }

    static long contentHash(Message m) {
        return contentHash(m.body(), m.keys(), m.tags(), m.properties().get(SHARD_PROPERTY));
    }

    static long contentHash(ReceivedMessage m) {
        return contentHash(m.body(), m.keys(), m.tags(), m.property(SHARD_PROPERTY));
    }

    /** The value a body carries (before the bar), or the whole body if there is none. */
    static String valueOf(byte[] body) {
        String s = new String(body, StandardCharsets.UTF_8);
        int bar = s.indexOf('|');
        return bar < 0 ? s : s.substring(0, bar);
    }

    /** The history's topic field for a queue: topic and broker, so offsets of different brokers never collide. */
    static String where(String topic, String brokerName) {
        return topic + "@" + brokerName;
    }
}
