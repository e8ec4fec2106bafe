package dev.ripple.api;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** {@link EventLogApiTest}'s behaviour through API Gateway and the Lambda handler Terraform deploys. */
@MicronautTest
class EventLogApiThroughApiGatewayTest extends EventLogApiTest {
    @Override
    boolean throughApiGateway() {
        return true;
    }
}
