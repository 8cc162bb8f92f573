/**
 * Test support shared by the compat modules (compat-rocketmq4, compat-rocketmq5): generators of
 * Gantry-side values for the cross-checks that need no official Apache RocketMQ class, so one copy
 * serves every official version. Generators of official objects stay in each compat module, next
 * to the official jars they need. Never shipped; the compat modules use it in test scope only.
 */
package io.gantry.compat.common;
