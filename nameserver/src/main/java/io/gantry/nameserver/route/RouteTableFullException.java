package io.gantry.nameserver.route;

/** A registration would take the route table past one of its {@link RouteLimits}; nothing was changed. */
public final class RouteTableFullException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RouteTableFullException(String message) {
        super(message);
    }
}
