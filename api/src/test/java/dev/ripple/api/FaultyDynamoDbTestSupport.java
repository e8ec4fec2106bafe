package dev.ripple.api;

/**
 * {@link ApiTestSupport} with a {@code FaultyProxy} between the context's DynamoDB client — the API's, and the
 * tests' own — and DynamoDB Local, for tests to script.
 */
abstract class FaultyDynamoDbTestSupport extends FaultyUpstreamTestSupport {
    @Override
    String upstreamUrlProperty() {
        return "aws.services.dynamodb.endpoint-override";
    }
}
