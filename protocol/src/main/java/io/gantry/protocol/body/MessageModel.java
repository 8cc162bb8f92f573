package io.gantry.protocol.body;

/** Whether each message goes to one consumer of the group (CLUSTERING) or to all (BROADCASTING). Written by name in JSON. */
public enum MessageModel {
    BROADCASTING, CLUSTERING
}
