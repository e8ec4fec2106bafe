package dev.ripple.local.console;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * The console's second line of defence: everything it renders from users is set as text, and besides that its pages
 * may run only their own scripts and styles, load nothing from elsewhere and not be framed by another site. The API
 * docs page needs inline styles (RapiDoc's web components); the email frame sets its own, stricter policy.
 */
@ServerFilter({"/console", "/console/**"})
class ConsoleHeaders {
    static final String CSP = "Content-Security-Policy";
    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    static final String API_DOCS_POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none';"
            + " frame-ancestors 'none'";

    @ResponseFilter
    void secure(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (!response.getHeaders().contains(CSP)) {
            response.header(CSP, request.getPath().startsWith("/console/api-docs") ? API_DOCS_POLICY : POLICY);
        }
        response.header("X-Content-Type-Options", "nosniff");
        response.header("Referrer-Policy", "no-referrer");
        response.header("Cache-Control", "no-store");
    }
}
