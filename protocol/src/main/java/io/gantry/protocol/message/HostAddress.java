package io.gantry.protocol.message;

import io.gantry.protocol.remoting.ProtocolException;
import java.util.Arrays;
import java.util.Locale;

/**
 * An IP address (4 or 16 bytes) and port, as stored in message records and message ids.
 * A value class: no name lookups, no sockets.
 */
public final class HostAddress {

    private final byte[] ip;
    private final int port;

    private HostAddress(byte[] ip, int port) {
        if (ip.length != 4 && ip.length != 16) {
            throw new IllegalArgumentException("IP address must be 4 or 16 bytes, was " + ip.length);
        }
        this.ip = ip.clone();
        this.port = port;
    }

    /** An address from raw IP bytes (4 = IPv4, 16 = IPv6) and a port. */
    public static HostAddress of(byte[] ip, int port) {
        return new HostAddress(ip, port);
    }

    /**
     * Parses {@code a.b.c.d:port} (IPv4 literal only; no name lookup).
     *
     * @throws ProtocolException if the text is not an IPv4 literal with a port
     */
    public static HostAddress parse(String hostPort) {
        int colon = hostPort == null ? -1 : hostPort.lastIndexOf(':');
        if (colon < 0) {
            throw new ProtocolException("address without port: " + hostPort);
        }
        String[] octets = hostPort.substring(0, colon).split("\\.", -1);
        if (octets.length != 4) {
            throw new ProtocolException("not an IPv4 literal: " + hostPort);
        }
        byte[] ip = new byte[4];
        try {
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(octets[i]);
                if (octet < 0 || octet > 255) {
                    throw new ProtocolException("IPv4 octet out of range in " + hostPort);
                }
                ip[i] = (byte) octet;
            }
            int port = Integer.parseInt(hostPort.substring(colon + 1));
            if (port < 0 || port > 65535) {
                throw new ProtocolException("port out of range in " + hostPort);
            }
            return new HostAddress(ip, port);
        } catch (NumberFormatException e) {
            throw new ProtocolException("not an IPv4 address with port: " + hostPort, e);
        }
    }

    /** A copy of the IP bytes. */
    public byte[] ip() {
        return ip.clone();
    }

    public int port() {
        return port;
    }

    public boolean isIpv6() {
        return ip.length == 16;
    }

    /** Bytes this address takes in a record: IP + 4-byte port. */
    public int encodedLength() {
        return ip.length + 4;
    }

    void writeIpTo(java.nio.ByteBuffer out) {
        out.put(ip);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HostAddress that && port == that.port && Arrays.equals(ip, that.ip);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(ip) + port;
    }

    /** {@code a.b.c.d:port}, or {@code [x:x:x:x:x:x:x:x]:port} for IPv6. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        if (ip.length == 4) {
            for (int i = 0; i < 4; i++) {
                text.append(i == 0 ? "" : ".").append(ip[i] & 0xFF);
            }
        } else {
            text.append('[');
            for (int i = 0; i < 16; i += 2) {
                text.append(i == 0 ? "" : ":").append(Integer.toHexString(((ip[i] & 0xFF) << 8) | (ip[i + 1] & 0xFF)));
            }
            text.append(']');
        }
        return text.append(':').append(port).toString().toLowerCase(Locale.ROOT);
    }
}
