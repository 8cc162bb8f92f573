package io.gantry.protocol.header;

/**
 * GET_KVLIST_BY_NAMESPACE (219) request.
 * Fields marked {@link Required} must be present; see {@link HeaderCodec}.
 */
public record GetKVListByNamespaceRequestHeader(
        @Required String namespace) {}
