package dev.ripple.test.aws;

import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * API Gateway HTTP API (payload 2.0) events as API Gateway sends them to Lambda, as JSON text: AWS's documented sample
 * ({@code apigateway-http-api-v2.json} beside this class) with the request's method, path, query, headers and body put
 * in: the bytes the Lambda runtime hands a function.
 */
public final class ApiGatewayEvents {
    private static final String SAMPLE = "dev/ripple/test/aws/apigateway-http-api-v2.json";

    private final JsonMapper json = JsonMapper.createDefault();
    private final Map<String, Object> sample;

    public ApiGatewayEvents() {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(SAMPLE)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> read = json.readValue(in, Map.class);
            sample = read;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The event as API Gateway sends it to Lambda: JSON text. */
    public String json(String method, String pathAndQuery, Map<String, String> headers, String body) {
        String path = pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?')) : pathAndQuery;
        String query = pathAndQuery.contains("?") ? pathAndQuery.substring(pathAndQuery.indexOf('?') + 1) : "";
        Map<String, Object> event = copy(sample);
        event.put("rawPath", path);
        event.put("rawQueryString", query);
        event.remove("cookies");
        event.remove("pathParameters");
        var queryParameters = new LinkedHashMap<String, String>();
        for (String pair : query.isEmpty() ? new String[0] : query.split("&")) {
            String[] parts = pair.split("=", 2);
            queryParameters.merge(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                    parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "", (a, b) -> a + "," + b);
        }
        if (queryParameters.isEmpty()) {
            event.remove("queryStringParameters");
        } else {
            event.put("queryStringParameters", queryParameters);
        }
        var allHeaders = new LinkedHashMap<String, String>();
        allHeaders.put("host", "id.execute-api.us-east-1.amazonaws.com");
        allHeaders.put("user-agent", "ripple-test");
        headers.forEach((name, value) -> allHeaders.put(name.toLowerCase(), value));
        if (body != null) {
            allHeaders.putIfAbsent("content-type", "application/json");
            allHeaders.put("content-length", Integer.toString(body.getBytes(StandardCharsets.UTF_8).length));
        }
        event.put("headers", allHeaders);
        if (body == null) {
            event.remove("body");
            event.put("isBase64Encoded", false);
        } else {
            // API Gateway base64-encodes bodies it does not know to be text; the function must accept both.
            event.put("body", Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)));
            event.put("isBase64Encoded", true);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> context = (Map<String, Object>) event.get("requestContext");
        @SuppressWarnings("unchecked")
        Map<String, Object> http = (Map<String, Object>) context.get("http");
        http.put("method", method);
        http.put("path", path);
        try {
            return json.writeValueAsString(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Object> copy(Map<String, Object> map) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> copy = json.readValue(json.writeValueAsBytes(map), Map.class);
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
