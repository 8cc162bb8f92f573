/**
 * The NameServer: the route registry brokers register with and clients ask for topic routes.
 *
 * <ul>
 *   <li>{@code route}: the route table (broker groups, live brokers, topic queue data) and its
 *       register / unregister / expiry rules;</li>
 *   <li>{@code kv}: the namespaced key-value configuration;</li>
 *   <li>{@code handler}: pure request handlers, {@code RemotingCommand} in, {@code RemotingCommand}
 *       out, one per nameserver request code.</li>
 * </ul>
 * Nameservers are independent: each holds the full table, built from the brokers' registrations.
 * All state lives on the node's loop; nothing here locks.
 */
package io.gantry.nameserver;
