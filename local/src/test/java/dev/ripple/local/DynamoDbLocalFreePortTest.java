package dev.ripple.local;

import dev.ripple.dynamodblocal.DynamoDbLocalProcess;
import dev.ripple.test.Loopback;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DynamoDB Local asked for any free port (port 0, as the tests and a second local stack ask) starts even when the port
 * chosen for it is taken before it binds it.
 */
class DynamoDbLocalFreePortTest {
    private static final Path DISTRIBUTION = Path.of("target", "dynamodb-local");

    @Test
    void aFreePortTakenBeforeDynamoDbLocalBindsItIsReplacedByAnother() throws Exception {
        try (var taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var ports = new ArrayDeque<>(List.of(taken.getLocalPort(), Loopback.freePort()));

            try (var dynamoDb = DynamoDbLocalProcess.startOnAFreePort(DISTRIBUTION, ports::removeFirst, null,
                    Duration.ofSeconds(60), false)) {
                assertThat(dynamoDb.endpoint().getPort()).isNotEqualTo(taken.getLocalPort());
                assertThat(dynamoDb.isAlive()).isTrue();
                assertThat(ports).as("the second port was used").isEmpty();
            }
        }
    }
}
