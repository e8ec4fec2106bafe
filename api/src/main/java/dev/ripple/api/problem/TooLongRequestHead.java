package dev.ripple.api.problem;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * On Netty, which part of a request was over the server's limit: Micronaut answers 413 for all of them, but a client
 * whose headers are too large must hear 431 (RFC 6585), one whose request line is too long 414 — "body too large"
 * would send it looking in the wrong place. Only where the Netty server runs: behind API Gateway, the gateway keeps
 * its own limits on headers and the request line.
 */
@Singleton
@Requires(classes = NettyHttpRequest.class)
class TooLongRequestHead {

    enum Part { HEADERS, REQUEST_LINE }

    Optional<Part> partOf(HttpRequest<?> request) {
        if (!(request instanceof NettyHttpRequest<?> netty) || !netty.getNativeRequest().decoderResult().isFailure()) {
            return Optional.empty();
        }
        Throwable cause = netty.getNativeRequest().decoderResult().cause();
        if (cause instanceof TooLongHttpHeaderException) {
            return Optional.of(Part.HEADERS);
        }
        if (cause instanceof TooLongHttpLineException) {
            return Optional.of(Part.REQUEST_LINE);
        }
        return Optional.empty();
    }
}
