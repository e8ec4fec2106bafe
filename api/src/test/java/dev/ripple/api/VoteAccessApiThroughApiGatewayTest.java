package dev.ripple.api;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** {@link VoteAccessApiTest}'s behaviour through API Gateway and the Lambda handler Terraform deploys. */
@MicronautTest
class VoteAccessApiThroughApiGatewayTest extends VoteAccessApiTest {
    @Override
    boolean throughApiGateway() {
        return true;
    }
}
