/**
 * The Broker: send, pull with long polling, offsets, retry, admin, served over the protocol layer.
 * Not built yet: see the NameServer and Broker issue.
 */
package io.gantry.broker;
