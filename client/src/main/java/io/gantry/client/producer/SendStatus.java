package io.gantry.client.producer;

/**
 * How a stored message was stored. All four mean the broker appended it; the last three say
 * that flushing or replication did not finish in time (the message may be lost if the broker
 * fails now).
 */
public enum SendStatus {
    SEND_OK, FLUSH_DISK_TIMEOUT, FLUSH_SLAVE_TIMEOUT, SLAVE_NOT_AVAILABLE
}
