/** Topic routes from the nameservers: the cache, its refresh, and the queue lists producers and consumers use. */
package io.gantry.client.route;
