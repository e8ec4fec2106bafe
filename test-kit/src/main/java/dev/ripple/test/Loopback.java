package dev.ripple.test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Every server a test starts listens on 127.0.0.1 only. */
public final class Loopback {
    /** Where Linux says its ports for outgoing connections begin. */
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    /** Below the ranges other systems give outgoing connections too (macOS and Windows: from 49152). */
    private static final int EPHEMERAL_FROM_ELSEWHERE = 32_768;
    private static final int LOWEST = 10_000;

    private Loopback() {
    }

    /**
     * A port of 127.0.0.1 that was free a moment ago, below the ports the system hands outgoing connections. A server
     * binds it later — a process started on it, a stack started again on the same port — and a port of the
     * ephemeral range could meanwhile be given to any connection this machine opens (a browser reconnecting, a client
     * of DynamoDB Local): the bind would then fail.
     */
    public static int freePort() {
        int ephemeralFrom = ephemeralFrom();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, ephemeralFrom);
            try (var socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // another server's: try another
            }
        }
        throw new IllegalStateException("no free port of 127.0.0.1 between " + LOWEST + " and " + ephemeralFrom);
    }

    /**
     * Waits until {@code port} of 127.0.0.1 can be bound again: a Netty server's listening socket closes with its
     * event loops, after the context that stopped it has returned, so a server started again on its port at once could
     * find it still taken.
     *
     * @throws IllegalStateException when it is still taken after {@code within}
     */
    public static void awaitFree(int port, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            try (var socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return;
            } catch (IOException taken) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("127.0.0.1:" + port + " is still taken " + within.toSeconds()
                            + " s after its server stopped", taken);
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for 127.0.0.1:" + port, e);
            }
        }
    }

    private static int ephemeralFrom() {
        try {
            // Line by line: Files.readString reads a /proc file's first byte only (it reports a size of 0).
            int from = Integer.parseInt(Files.readAllLines(EPHEMERAL_RANGE).getFirst().strip().split("\\s+")[0]);
            return from > 2 * LOWEST ? Math.min(from, EPHEMERAL_FROM_ELSEWHERE) : EPHEMERAL_FROM_ELSEWHERE;
        } catch (IOException | RuntimeException notLinux) {
            return EPHEMERAL_FROM_ELSEWHERE;
        }
    }
}
