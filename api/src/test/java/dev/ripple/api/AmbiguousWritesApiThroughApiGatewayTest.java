package dev.ripple.api;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** {@link AmbiguousWritesApiTest}'s behaviour through API Gateway and the Lambda handler Terraform deploys. */
@MicronautTest
class AmbiguousWritesApiThroughApiGatewayTest extends AmbiguousWritesApiTest {
    @Override
    boolean throughApiGateway() {
        return true;
    }
}
