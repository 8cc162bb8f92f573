/** The admin client: topics, cluster list, consumer progress, message lookup, offset reset. */
package io.gantry.client.admin;
