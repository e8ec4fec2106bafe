package dev.ripple.api.auth;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import io.micronaut.security.config.RedirectConfiguration;
import io.micronaut.security.config.RedirectService;
import io.micronaut.security.errors.PriorToLoginPersistence;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

/**
 * A refusal as problem+json (the API's error processor writes the body), and for a missing or invalid token the
 * challenge RFC 6750 asks for: {@code WWW-Authenticate: Bearer}.
 */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
class BearerChallenge extends DefaultAuthorizationExceptionHandler
        implements ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> {

    BearerChallenge(ErrorResponseProcessor<?> errorResponseProcessor, RedirectConfiguration redirectConfiguration,
                    RedirectService redirectService, @Nullable PriorToLoginPersistence<?, ?> priorToLoginPersistence) {
        super(errorResponseProcessor, redirectConfiguration, redirectService, priorToLoginPersistence);
    }

    @Override
    protected MutableHttpResponse<?> httpResponseWithStatus(HttpRequest<?> request, AuthorizationException exception) {
        MutableHttpResponse<?> response = super.httpResponseWithStatus(request, exception);
        if (!exception.isForbidden()) {
            boolean presented = request.getHeaders().contains(HttpHeaders.AUTHORIZATION);
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"ripple\""
                    + (presented ? ", error=\"invalid_token\"" : ""));
        } else {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"ripple\", error=\"insufficient_scope\"");
        }
        return response;
    }

    @Override
    protected boolean shouldRedirect(HttpRequest<?> request, AuthorizationException exception) {
        return false;
    }
}
