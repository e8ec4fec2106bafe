package dev.ripple.domain.client;

import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.client.builder.SdkClientBuilder;

import java.util.function.Consumer;

/**
 * Changes to a client builder's override configuration that keep what it already holds. The SDK's own
 * {@code overrideConfiguration(Consumer)} starts from an empty configuration and replaces the builder's, which
 * drops what micronaut-aws-sdk-v2 put there (the user agent naming Micronaut).
 */
public final class OverrideConfigurations {
    private OverrideConfigurations() {
    }

    /** {@code builder}, its override configuration changed by {@code change} on top of what it held. */
    public static <B extends SdkClientBuilder<B, ?>> B amend(B builder,
                                                              Consumer<ClientOverrideConfiguration.Builder> change) {
        ClientOverrideConfiguration.Builder override = builder.overrideConfiguration().toBuilder();
        change.accept(override);
        return builder.overrideConfiguration(override.build());
    }
}
