/**
 * The NameServer: the route registry brokers register with and clients ask for topic routes.
 * Not built yet: see the NameServer and Broker issue.
 */
package io.gantry.nameserver;
