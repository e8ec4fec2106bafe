package dev.ripple.sinks.slack;

import dev.ripple.domain.client.TimeoutsOnTheClient;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/** The timeouts of {@link SecretsManagerClientConfig} on the client the Slack sink reads its webhook's secret with. */
@Singleton
class SecretsManagerTimeoutsOnTheClient extends TimeoutsOnTheClient<SecretsManagerClientBuilder> {
    SecretsManagerTimeoutsOnTheClient(SecretsManagerClientConfig timeouts) {
        super(timeouts);
    }
}
