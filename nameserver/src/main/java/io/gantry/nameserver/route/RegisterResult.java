package io.gantry.nameserver.route;

/**
 * What a registering broker is told: for a slave whose master is alive, the master's address and
 * HA address; otherwise both null.
 */
public record RegisterResult(String masterAddr, String haServerAddr) {

    static final RegisterResult NONE = new RegisterResult(null, null);
}
