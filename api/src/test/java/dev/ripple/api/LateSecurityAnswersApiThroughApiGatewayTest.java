package dev.ripple.api;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** {@link LateSecurityAnswersApiTest} through API Gateway and the Lambda handler Terraform deploys. */
@MicronautTest
class LateSecurityAnswersApiThroughApiGatewayTest extends LateSecurityAnswersApiTest {
    @Override
    boolean throughApiGateway() {
        return true;
    }
}
