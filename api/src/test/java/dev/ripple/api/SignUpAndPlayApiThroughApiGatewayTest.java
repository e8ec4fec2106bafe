package dev.ripple.api;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** {@link SignUpAndPlayApiTest}'s behaviour through API Gateway and the Lambda handler Terraform deploys. */
@MicronautTest
class SignUpAndPlayApiThroughApiGatewayTest extends SignUpAndPlayApiTest {
    @Override
    boolean throughApiGateway() {
        return true;
    }
}
