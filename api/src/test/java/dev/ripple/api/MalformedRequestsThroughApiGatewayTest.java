package dev.ripple.api;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** {@link MalformedRequestsTest}'s behaviour through API Gateway and the Lambda handler Terraform deploys. */
@MicronautTest
class MalformedRequestsThroughApiGatewayTest extends MalformedRequestsTest {
    @Override
    boolean throughApiGateway() {
        return true;
    }
}
