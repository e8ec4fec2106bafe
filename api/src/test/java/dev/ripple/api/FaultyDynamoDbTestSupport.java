package dev.ripple.api;

import dev.ripple.test.standin.FaultyProxy;
import io.micronaut.core.annotation.NonNull;
import org.junit.jupiter.api.AfterAll;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/** {@link ApiTestSupport} with a {@link FaultyProxy} between the API and DynamoDB Local, for tests to script. */
abstract class FaultyDynamoDbTestSupport extends ApiTestSupport {
    private static final String DYNAMODB_ENDPOINT = "aws.services.dynamodb.endpoint-override";

    /** Between the context's DynamoDB client — the API's, and the tests' own — and DynamoDB Local. */
    FaultyProxy proxy;

    @Override
    public @NonNull Map<String, String> getProperties() {
        var properties = new HashMap<>(super.getProperties());
        proxy = FaultyProxy.to(URI.create(properties.get(DYNAMODB_ENDPOINT)));
        properties.put(DYNAMODB_ENDPOINT, proxy.endpoint().toString());
        return properties;
    }

    @AfterAll
    void stopProxy() {
        proxy.close();
    }
}
