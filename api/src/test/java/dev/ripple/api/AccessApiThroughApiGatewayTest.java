package dev.ripple.api;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** {@link AccessApiTest}'s refusals through API Gateway and the Lambda handler Terraform deploys. */
@MicronautTest
class AccessApiThroughApiGatewayTest extends AccessApiTest {
    @Override
    boolean throughApiGateway() {
        return true;
    }
}
