package io.gantry.protocol.body;

/** How a consumer gets messages: pull (ACTIVELY) or push (PASSIVELY). Written by name in JSON. */
public enum ConsumeType {
    CONSUME_ACTIVELY, CONSUME_PASSIVELY
}
