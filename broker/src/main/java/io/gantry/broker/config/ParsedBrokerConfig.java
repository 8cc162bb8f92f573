package io.gantry.broker.config;

import io.gantry.store.StoreConfig;
import java.util.List;
import java.util.Objects;

/**
 * What a broker.conf gave: the broker's settings, the store's settings, and one warning per key
 * that was not understood (the caller logs them).
 */
public record ParsedBrokerConfig(BrokerConfig broker, StoreConfig store, List<String> warnings) {

    public ParsedBrokerConfig {
        Objects.requireNonNull(broker, "broker");
        Objects.requireNonNull(store, "store");
        warnings = List.copyOf(warnings);
    }
}
