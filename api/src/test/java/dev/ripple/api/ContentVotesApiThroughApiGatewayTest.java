package dev.ripple.api;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** {@link ContentVotesApiTest}'s behaviour through API Gateway and the Lambda handler Terraform deploys. */
@MicronautTest
class ContentVotesApiThroughApiGatewayTest extends ContentVotesApiTest {
    @Override
    boolean throughApiGateway() {
        return true;
    }
}
