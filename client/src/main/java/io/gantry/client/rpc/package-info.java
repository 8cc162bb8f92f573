/** The client's thin layer over the RPC client: failures become definite or indeterminate client exceptions. */
package io.gantry.client.rpc;
