package dev.ripple.api.lambda;

import com.amazonaws.services.lambda.runtime.CustomPojoSerializer;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import java.util.Map;
import java.util.ServiceLoader;

/**
 * The test kit's API Gateway payload 2.0 events ({@link dev.ripple.test.aws.ApiGatewayEvents}), also read the way the
 * Lambda runtime reads them: through the {@link CustomPojoSerializer} the function jar ships.
 */
public final class ApiGatewayEvents {
    private final dev.ripple.test.aws.ApiGatewayEvents events = new dev.ripple.test.aws.ApiGatewayEvents();
    private final CustomPojoSerializer runtimeSerializer = ServiceLoader.load(CustomPojoSerializer.class).findFirst()
            .orElseThrow(() -> new AssertionError("no CustomPojoSerializer on the classpath: the runtime could not read events"));

    public APIGatewayV2HTTPEvent request(String method, String pathAndQuery, Map<String, String> headers, String body) {
        return runtimeSerializer.fromJson(json(method, pathAndQuery, headers, body), APIGatewayV2HTTPEvent.class);
    }

    /** The event as API Gateway sends it to Lambda: JSON text. */
    public String json(String method, String pathAndQuery, Map<String, String> headers, String body) {
        return events.json(method, pathAndQuery, headers, body);
    }
}
