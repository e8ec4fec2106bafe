package dev.ripple.api.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.core.convert.ConversionService;
import io.micronaut.function.aws.proxy.ApiGatewayServletRequest;
import io.micronaut.http.MutableHttpHeaders;
import io.micronaut.http.MutableHttpParameters;
import io.micronaut.servlet.http.BodyBuilder;
import io.micronaut.servlet.http.ServletHttpResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collections;

/**
 * The request of one API Gateway payload 2.0 event, as micronaut-function-aws-api-proxy's
 * {@code APIGatewayV2HTTPEventServletRequest} reads it (method, path, query, body, headers), except that it reads the
 * event's headers once. That class builds a new case-insensitive map of every header of the event each time anything
 * asks for the headers, and a vote through the API's filters and route asks 35 times with a token and a browser's
 * {@code Origin} (the router's {@code Accept} and {@code Content-Type}, the CORS filter's {@code Origin}, the token
 * reader, the body binder, the charset…): ~15 KB of the ~140 KB an invocation allocated, more with every header a
 * browser sends. That class is final, so this one extends the same base. Reading them once also keeps what a filter
 * adds to them, as the request on Netty does; with Micronaut's a change was lost with the map it was made on.
 *
 * <p>Made on the invocation's thread; the route runs on the {@code io} pool, which it is handed to after the headers
 * are read, so {@link #headers} is final and read by both.
 *
 * <p>Micronaut's binders of the raw {@link APIGatewayV2HTTPEvent} and {@link APIGatewayV2HTTPResponse} as controller
 * arguments look for that class and bind nothing for this one; no controller of the API takes them (the caller's
 * claims are read from the event through {@code ServletHttpRequest#getNativeRequest}, which this request keeps).
 */
final class HeadersReadOnceRequest<B>
        extends ApiGatewayServletRequest<B, APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(HeadersReadOnceRequest.class);

    private final ServletHttpResponse<APIGatewayV2HTTPResponse, ?> response;
    private final MutableHttpHeaders headers;

    HeadersReadOnceRequest(APIGatewayV2HTTPEvent event, ServletHttpResponse<APIGatewayV2HTTPResponse, ?> response,
                           ConversionService conversionService, BodyBuilder bodyBuilder) {
        super(conversionService, event,
                buildUri(event.getRequestContext().getHttp().getPath(), event.getQueryStringParameters(),
                        Collections.emptyMap()),
                parseMethod(() -> event.getRequestContext().getHttp().getMethod()), LOG, bodyBuilder);
        this.response = response;
        this.headers = getHeaders(event::getHeaders, Collections::emptyMap);
    }

    @Override
    public MutableHttpHeaders getHeaders() {
        return headers;
    }

    @Override
    public byte[] getBodyBytes() throws EmptyBodyException {
        return getBodyBytes(requestEvent::getBody, requestEvent::getIsBase64Encoded);
    }

    @Override
    public MutableHttpParameters getParameters() {
        return getParameters(Collections::emptyMap,
                () -> transformCommaSeparatedValue(requestEvent.getQueryStringParameters()));
    }

    @Override
    public ServletHttpResponse<APIGatewayV2HTTPResponse, ?> getResponse() {
        return response;
    }
}
