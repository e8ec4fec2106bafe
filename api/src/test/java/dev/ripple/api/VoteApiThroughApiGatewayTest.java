package dev.ripple.api;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** {@link VoteApiTest}'s behaviour through API Gateway and the Lambda handler Terraform deploys. */
@MicronautTest
class VoteApiThroughApiGatewayTest extends VoteApiTest {
    @Override
    boolean throughApiGateway() {
        return true;
    }
}
