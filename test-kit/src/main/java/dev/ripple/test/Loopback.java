package dev.ripple.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Every server a test starts listens on 127.0.0.1 only. */
public final class Loopback {
    private Loopback() {
    }

    /** A port of 127.0.0.1 that was free a moment ago. */
    public static int freePort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
