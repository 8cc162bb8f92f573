package io.gantry.nameserver.handler;

import io.gantry.nameserver.kv.KvConfigTable;
import io.gantry.protocol.body.KVTable;
import io.gantry.protocol.body.RemotingJson;
import io.gantry.protocol.header.DeleteKVConfigRequestHeader;
import io.gantry.protocol.header.GetKVConfigRequestHeader;
import io.gantry.protocol.header.GetKVConfigResponseHeader;
import io.gantry.protocol.header.GetKVListByNamespaceRequestHeader;
import io.gantry.protocol.header.PutKVConfigRequestHeader;
import io.gantry.protocol.remoting.RemotingCommand;
import io.gantry.protocol.remoting.ResponseCode;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** KV config requests: PUT (100), GET (101), DELETE (102) and GET_KVLIST_BY_NAMESPACE (219). */
final class KvConfigHandlers {

    private static final Logger LOG = LoggerFactory.getLogger(KvConfigHandlers.class);

    private final KvConfigTable kvConfig;

    KvConfigHandlers(KvConfigTable kvConfig) {
        this.kvConfig = Objects.requireNonNull(kvConfig, "kvConfig");
    }

    RemotingCommand put(RequestContext context, RemotingCommand request) {
        PutKVConfigRequestHeader header = request.decodeHeader(PutKVConfigRequestHeader.class);
        kvConfig.put(header.namespace(), header.key(), header.value());
        LOG.info("KV config {}/{} set to {} by {}", header.namespace(), header.key(), header.value(), context.remoteAddress());
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS).build();
    }

    RemotingCommand get(RequestContext context, RemotingCommand request) {
        GetKVConfigRequestHeader header = request.decodeHeader(GetKVConfigRequestHeader.class);
        Optional<String> value = kvConfig.get(header.namespace(), header.key());
        if (value.isEmpty()) {
            return RemotingCommand.errorResponse(request, ResponseCode.QUERY_NOT_FOUND,
                    "No config item, Namespace: " + header.namespace() + " Key: " + header.key());
        }
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS)
                .header(new GetKVConfigResponseHeader(value.get()))
                .build();
    }

    RemotingCommand delete(RequestContext context, RemotingCommand request) {
        DeleteKVConfigRequestHeader header = request.decodeHeader(DeleteKVConfigRequestHeader.class);
        if (kvConfig.delete(header.namespace(), header.key())) {
            LOG.info("KV config {}/{} deleted by {}", header.namespace(), header.key(), context.remoteAddress());
        }
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS).build();
    }

    RemotingCommand listByNamespace(RequestContext context, RemotingCommand request) {
        String namespace = request.decodeHeader(GetKVListByNamespaceRequestHeader.class).namespace();
        Optional<Map<String, String>> table = kvConfig.list(namespace);
        if (table.isEmpty()) {
            return RemotingCommand.errorResponse(request, ResponseCode.QUERY_NOT_FOUND,
                    "No config item, Namespace: " + namespace);
        }
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS)
                .body(RemotingJson.encode(new KVTable(table.get())))
                .build();
    }
}
