package dev.ripple.api.idempotency;

import io.micronaut.http.context.ServerRequestContext;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Ids of new items. A fresh UUID, unless the request carries an {@code Idempotency-Key}: then every attempt of that
 * request gets the same id, made from the key and the request, so that a retry whose first attempt was written but
 * answered with an error (a connection lost after DynamoDB applied the write) meets its own item and answers with it
 * instead of making a second one.
 */
@Singleton
public class NewIds {

    /** @param kind what the id is for (one request may make several items) */
    public String next(String kind) {
        return ServerRequestContext.currentRequest()
                .flatMap(request -> request.getAttribute(IdempotencyInterceptor.ID_SEED, String.class))
                .map(seed -> UUID.nameUUIDFromBytes((seed + "#" + kind).getBytes(StandardCharsets.UTF_8)).toString())
                .orElseGet(() -> UUID.randomUUID().toString());
    }
}
