package io.gantry.protocol.header;

/**
 * GET_PRODUCER_CONNECTION_LIST (204) request.
 * Fields marked {@link Required} must be present; see {@link HeaderCodec}.
 */
public record GetProducerConnectionListRequestHeader(
        @Required String producerGroup) {}
