package dev.ripple.api;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/**
 * {@link AccessApiTest}'s refusals through API Gateway and the Lambda handler Terraform deploys, as on a stage: the
 * routes that need a token behind the JWT authorizer, which hands the function the claims of the tokens it lets by.
 */
@MicronautTest
class AccessApiThroughApiGatewayTest extends AccessApiTest {
    @Override
    boolean throughApiGateway() {
        return true;
    }
}
