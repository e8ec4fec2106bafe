package dev.ripple.api.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The test kit's API Gateway payload 2.0 events ({@link dev.ripple.test.aws.ApiGatewayEvents}), also read the way the
 * function reads the bytes the Lambda runtime hands it ({@link ApiGatewayEventJson}).
 */
public final class ApiGatewayEvents {
    private final dev.ripple.test.aws.ApiGatewayEvents events = new dev.ripple.test.aws.ApiGatewayEvents();
    private final ApiGatewayEventJson eventJson = new ApiGatewayEventJson();

    public APIGatewayV2HTTPEvent request(String method, String pathAndQuery, Map<String, String> headers, String body) {
        try {
            return eventJson.read(new ByteArrayInputStream(json(method, pathAndQuery, headers, body)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The event as API Gateway sends it to Lambda: JSON text. */
    public String json(String method, String pathAndQuery, Map<String, String> headers, String body) {
        return events.json(method, pathAndQuery, headers, body);
    }
}
