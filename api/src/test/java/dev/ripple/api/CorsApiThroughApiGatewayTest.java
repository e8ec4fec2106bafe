package dev.ripple.api;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** {@link CorsApiTest}'s behaviour through API Gateway and the Lambda handler Terraform deploys. */
@MicronautTest
class CorsApiThroughApiGatewayTest extends CorsApiTest {
    @Override
    boolean throughApiGateway() {
        return true;
    }
}
