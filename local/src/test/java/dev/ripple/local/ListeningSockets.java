package dev.ripple.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The TCP addresses a Linux process listens on, read from {@code /proc}: its socket inodes from {@code fd/}, the
 * listening sockets of {@code net/tcp} and {@code net/tcp6}. Fails loudly elsewhere: the check must not pass by
 * finding nothing.
 */
final class ListeningSockets {
    private static final String LISTEN = "0A";

    private ListeningSockets() {
    }

    /** {@code host:port} of each listening socket, IPv4-mapped IPv6 addresses written as IPv4. */
    static List<String> of(long pid) {
        Set<String> inodes = socketInodes(pid);
        List<String> addresses = new ArrayList<>();
        for (String table : List.of("tcp", "tcp6")) {
            for (String line : lines(Path.of("/proc", Long.toString(pid), "net", table))) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 9 && LISTEN.equals(fields[3]) && inodes.contains(fields[9])) {
                    addresses.add(address(fields[1]));
                }
            }
        }
        return addresses;
    }

    private static Set<String> socketInodes(long pid) {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            fds.forEach(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor went away while we looked
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sockets of process " + pid + " (Linux /proc needed)", e);
        }
        return inodes;
    }

    private static List<String> lines(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return lines.subList(1, lines.size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code 0100007F:1F90} → {@code 127.0.0.1:8080}; IPv6 as 32 hex digits in 4 little-endian words. */
    static String address(String hex) {
        String[] parts = hex.split(":");
        int port = Integer.parseInt(parts[1], 16);
        String host = parts[0];
        if (host.length() == 8) {
            return ipv4(host) + ":" + port;
        }
        if (host.startsWith("0000000000000000FFFF0000")) {
            return ipv4(host.substring(24)) + ":" + port;
        }
        return "[" + host + "]:" + port;
    }

    private static String ipv4(String littleEndianHex) {
        return Integer.parseInt(littleEndianHex.substring(6, 8), 16) + "." + Integer.parseInt(littleEndianHex.substring(4, 6), 16)
                + "." + Integer.parseInt(littleEndianHex.substring(2, 4), 16) + "." + Integer.parseInt(littleEndianHex.substring(0, 2), 16);
    }
}
