package dev.ripple.consumer;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextProvider;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs inside the JVM the Lambda jar probe started: asks the consumer's context for each AWS client it gets from
 * micronaut-aws-sdk-v2's factories, one line each ({@code type|service|attempt PT3S call PT9S}, {@code none} for a
 * timeout not set). Building one sends nothing. The probe's JVM is given this class alone, so it uses nothing else of
 * the tests'.
 */
public final class AwsClientsOfTheJar implements Function<Object, String> {

    @Override
    public String apply(Object handler) {
        ApplicationContext context = ((ApplicationContextProvider) handler).getApplicationContext();
        return Stream.of(DynamoDbClient.class, S3Client.class, SecretsManagerClient.class)
                .map(type -> line(type, (SdkClient) context.getBean(type)))
                .collect(Collectors.joining("\n"));
    }

    private static String line(Class<?> type, SdkClient client) {
        ClientOverrideConfiguration configuration = client.serviceClientConfiguration().overrideConfiguration();
        return type.getSimpleName() + "|" + client.serviceName()
                + "|attempt " + configuration.apiCallAttemptTimeout().map(Object::toString).orElse("none")
                + " call " + configuration.apiCallTimeout().map(Object::toString).orElse("none");
    }
}
