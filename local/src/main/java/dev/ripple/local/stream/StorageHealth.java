package dev.ripple.local.stream;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether the emulator can write what it must keep — checkpoints, failure documents — on the disk it was given. A
 * write that fails (a full disk, a folder it may not write) is retried until it works; meanwhile the mapping says so
 * here, and the stack's health is DOWN, instead of a lane's thread ending quietly while the state says "reading".
 *
 * <p>Threads: written by the lanes and the polling thread, read by the health indicator; a concurrent map.
 */
final class StorageHealth {
    private final Map<String, String> failing = new ConcurrentHashMap<>();

    /** @return true when this is news: the first failure since {@code what} last worked */
    boolean failing(String what, Exception cause) {
        return failing.put(what, what + " cannot be written (" + cause.getMessage() + "); retrying") == null;
    }

    /** @return true when this is news: {@code what} failed before */
    boolean works(String what) {
        return failing.remove(what) != null;
    }

    Optional<String> problem() {
        return failing.values().stream().sorted().reduce((a, b) -> a + "; " + b);
    }
}
