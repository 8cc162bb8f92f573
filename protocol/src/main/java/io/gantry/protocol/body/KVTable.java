package io.gantry.protocol.body;

import java.util.Map;

/** A string table: GET_KVLIST_BY_NAMESPACE, GET_BROKER_RUNTIME_INFO, REGISTER_BROKER response bodies. */
public record KVTable(Map<String, String> table) {

    public KVTable {
        table = Copies.map(table);
    }
}
