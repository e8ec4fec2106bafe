package dev.ripple.api.cors;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * A preflight from an origin the API does not list is refused with 403, before Micronaut's CORS filter sees it. Left to
 * that filter, the answer depended on where the API ran: 403 on a loopback Netty that refuses remote origins, 405
 * (no {@code OPTIONS} route) behind API Gateway or with origins configured. The problem+json body is added by the
 * error filter, as for any answer without one.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
class ForeignPreflightFilter implements Ordered {
    private final CorsConfig config;

    ForeignPreflightFilter(CorsConfig config) {
        this.config = config;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> refuse(HttpRequest<?> request) {
        String origin = request.getHeaders().get(HttpHeaders.ORIGIN);
        boolean preflight = request.getMethod() == HttpMethod.OPTIONS && origin != null
                && request.getHeaders().contains(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD);
        if (preflight && !config.allowedOrigins().contains(origin)) {
            return HttpResponse.status(HttpStatus.FORBIDDEN);
        }
        return null;
    }

    @Override
    public int getOrder() {
        // After the error filter (FIRST), which gives this answer its body; before the CORS filter.
        return ServerFilterPhase.FIRST.after();
    }
}
