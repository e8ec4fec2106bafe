package dev.ripple.api;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** {@link IdempotencyKeyApiTest}'s behaviour through API Gateway and the Lambda handler Terraform deploys. */
@MicronautTest
class IdempotencyKeyApiThroughApiGatewayTest extends IdempotencyKeyApiTest {
    @Override
    boolean throughApiGateway() {
        return true;
    }
}
