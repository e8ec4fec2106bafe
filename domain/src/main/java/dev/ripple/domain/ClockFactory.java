package dev.ripple.domain;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The clock every timestamp comes from; tests replace it. (The repositories' {@code DynamoDbClient} is
 * micronaut-aws-sdk-v2's, with endpoint, region and credentials from {@code aws.*} configuration.)
 */
@Factory
class ClockFactory {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
