package dev.ripple.api;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/**
 * {@link AccessApiTest} through API Gateway with every request sent straight to the Lambda handler, no authorizer in
 * front: the function's own checks, which stand if a route ever reaches it without its authorizer.
 */
@MicronautTest
class AccessApiThroughApiGatewayWithoutItsAuthorizerTest extends AccessApiTest {
    @Override
    boolean throughApiGateway() {
        return true;
    }

    @Override
    boolean behindTheJwtAuthorizer() {
        return false;
    }
}
