package dev.ripple.domain.client;

import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * url-connection-client with each request's body buffered by the JDK instead of streamed: the request reaches the
 * delegate without its {@code Content-Length} header, so url-connection-client does not put the JDK's
 * {@code HttpURLConnection} in fixed-length streaming mode, and the JDK sends the header itself, the same length, with
 * the body. What that saves: before every streamed {@code POST} on a kept-alive connection the JDK checks the
 * connection is still open with a read that waits up to 1 ms (and throws, to say nothing came) — every call to
 * DynamoDB is such a {@code POST}, so each paid ~1.5 ms on loopback, more than the put itself
 * ({@code bench/results/dynamodb-call.md}).
 *
 * <p>What it costs: a buffered {@code POST} whose answer fails to arrive (the connection closed under it) is sent once
 * more by the JDK on a fresh connection, within the same SDK attempt — as the SDK's own retry would send it. Only for
 * clients whose calls the SDK retries anyway, whose writes are safe to receive twice; never for one that must not send
 * twice (SES's {@code SendEmail}, which Ripple calls exactly once). A request aborted by an SDK timeout is not sent
 * again: the JDK marks an aborted connection not to be retried.
 *
 * <p>Only around url-connection-client ({@link #around}): the Apache client, which micronaut-aws-sdk-v2 picks when it
 * is on the class path (as in the modules' tests, through DynamoDB Local), has no such wait, and would chunk a body
 * whose length it was not told. A decorator of a few lines rather than the Apache client in the Lambda jars: that
 * costs a function's first request ~70 ms more to load and set up.
 */
public final class BufferedRequestBodies implements SdkHttpClient {
    private static final String CONTENT_LENGTH = "Content-Length";
    private final UrlConnectionHttpClient urlConnection;

    private BufferedRequestBodies(UrlConnectionHttpClient urlConnection) {
        this.urlConnection = urlConnection;
    }

    /**
     * {@code httpClient} with its request bodies buffered if it is url-connection-client; any other, as it is.
     *
     * @param httpClient a client its owner closes: closing what this returns leaves it open
     */
    public static SdkHttpClient around(SdkHttpClient httpClient) {
        return httpClient instanceof UrlConnectionHttpClient urlConnection
                ? new BufferedRequestBodies(urlConnection)
                : httpClient;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        if (request.httpRequest().firstMatchingHeader(CONTENT_LENGTH).isEmpty()) {
            return urlConnection.prepareRequest(request);
        }
        return urlConnection.prepareRequest(HttpExecuteRequest.builder()
                .request(request.httpRequest().toBuilder().removeHeader(CONTENT_LENGTH).build())
                .contentStreamProvider(request.contentStreamProvider().orElse(null))
                .metricCollector(request.metricCollector().orElse(null))
                .build());
    }

    @Override
    public String clientName() {
        return urlConnection.clientName();
    }

    /** Nothing: the url-connection-client under it is shared, and closed by whoever made it. */
    @Override
    public void close() {
    }
}
