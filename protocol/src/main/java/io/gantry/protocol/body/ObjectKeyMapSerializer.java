package io.gantry.protocol.body;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a map whose keys are objects (e.g. {@link MessageQueue}) the way the official codec does:
 * each key as a JSON object in field-name position, {@code {{"brokerName":"b","queueId":0,"topic":"T"}:{...}}}.
 * Not valid JSON, but the only map form the official parser accepts for these keys. Entries are
 * sorted by key when keys are comparable, for deterministic output.
 */
final class ObjectKeyMapSerializer extends JsonSerializer<Map<?, ?>> {

    @Override
    public void serialize(Map<?, ?> map, JsonGenerator gen, SerializerProvider provider) throws IOException {
        Map<?, ?> ordered = map.keySet().stream().allMatch(k -> k instanceof Comparable<?>) ? new TreeMap<>(map) : map;
        StringBuilder raw = new StringBuilder("{");
        for (Map.Entry<?, ?> entry : ordered.entrySet()) {
            if (raw.length() > 1) {
                raw.append(',');
            }
            raw.append(RemotingJson.encodeToString(entry.getKey()))
                    .append(':')
                    .append(RemotingJson.encodeToString(entry.getValue()));
        }
        gen.writeRawValue(raw.append('}').toString());
    }
}
