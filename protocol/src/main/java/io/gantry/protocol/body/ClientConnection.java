package io.gantry.protocol.body;

import io.gantry.protocol.remoting.LanguageCode;

/** One client channel as admin bodies describe it (the official {@code Connection}). */
public record ClientConnection(String clientId, String clientAddr, LanguageCode language, int version) {
}
