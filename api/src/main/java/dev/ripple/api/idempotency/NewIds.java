package dev.ripple.api.idempotency;

import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Ids of new items. A fresh UUID, unless the request carries an {@code Idempotency-Key}: then every attempt of that
 * request gets the same id, made from the key and the request, so that a retry whose first attempt was written but
 * answered with an error (a connection lost after DynamoDB applied the write) meets its own item and answers with it
 * instead of making a second one.
 */
@Singleton
public class NewIds {
    /**
     * The seed of the keyed request the thread is running ({@link IdempotencyKeys}), if any: set and cleared by that
     * thread around the request's action, read by the same thread, so each thread sees only its own.
     */
    private final ThreadLocal<String> seed = new ThreadLocal<>();

    /** @param kind what the id is for (one request may make several items) */
    public String next(String kind) {
        String requestSeed = seed.get();
        return requestSeed == null ? UUID.randomUUID().toString()
                : UUID.nameUUIDFromBytes((requestSeed + "#" + kind).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Runs {@code action} with ids made from {@code requestSeed}. */
    <T> T seededBy(String requestSeed, Supplier<T> action) {
        String outer = seed.get();
        seed.set(requestSeed);
        try {
            return action.get();
        } finally {
            if (outer == null) {
                seed.remove();
            } else {
                seed.set(outer);
            }
        }
    }
}
