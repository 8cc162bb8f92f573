/**
 * Gantry's own producer, consumers and admin client, running on the seams.
 * Not built yet: see the client issue.
 */
package io.gantry.client;
