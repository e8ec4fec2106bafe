package dev.ripple.api.cors;

import dev.ripple.api.idempotency.IdempotencyInterceptor;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.http.HttpHeaders;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.time.Duration;
import java.util.List;

/**
 * Which web pages may call the API from a browser ({@code ripple.api.cors.*}, env
 * {@code RIPPLE_API_CORS_ALLOWED_ORIGINS=https://blog.example,https://news.example}). The vote widget lives in
 * emails and blogs, so its origins are the blogs'. Without origins, browsers get no CORS answers at all.
 *
 * @param allowedOrigins exact origins ({@code https://blog.example}, scheme and host, a port if not the default)
 * @param maxAge         how long browsers may cache a preflight answer
 */
@ConfigurationProperties("ripple.api.cors")
public record CorsConfig(
        @Nullable
        List<@Pattern(regexp = "https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?", message = "must be an origin like https://blog.example") String> allowedOrigins,
        @Bindable(defaultValue = "1h") @NotNull Duration maxAge) {

    /** What a page may read of an answer: a vote's version and address, and whether it was a replay. */
    public static final List<String> EXPOSED_HEADERS = List.of(HttpHeaders.ETAG, HttpHeaders.LOCATION,
            IdempotencyInterceptor.REPLAYED);

    public CorsConfig {
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
    }
}
