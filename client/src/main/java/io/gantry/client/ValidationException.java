package io.gantry.client;

/** Bad input found before anything was sent: an invalid topic or group name, an empty or oversized body, a missing subscription. */
public final class ValidationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public ValidationException(String message) {
        super(message);
    }
}
