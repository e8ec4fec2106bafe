package dev.ripple.sinks.client;

import dev.ripple.domain.client.BufferedRequestBodies;
import dev.ripple.test.FakeAws;
import dev.ripple.test.TestDynamoDb;
import dev.ripple.test.TestTables;
import dev.ripple.test.standin.FaultyProxy;
import dev.ripple.test.standin.SesEmulator;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What buffering a request's body ({@link BufferedRequestBodies}) changes when an answer is lost — the request
 * carried out, the connection closed before its answer (a proxy between client and server makes it): the JDK sends a
 * buffered request once more by itself, a streamed one never. So DynamoDB's client, whose calls the SDK retries
 * anyway, is buffered; SES's, which must send a welcome email once, is not.
 */
class RequestBodiesOverALossyNetworkTest {
    private final TestTables tables = TestDynamoDb.shared().freshTables("bodies");
    private final FaultyProxy toDynamoDb = FaultyProxy.to(TestDynamoDb.shared().endpoint());
    private final SdkHttpClient urlConnection = UrlConnectionHttpClient.create();
    private ApplicationContext context;
    private FaultyProxy toSes;

    @AfterEach
    void stop() {
        if (context != null) {
            context.close();
        }
        if (toSes != null) {
            toSes.close();
        }
        toDynamoDb.close();
        urlConnection.close();
    }

    /**
     * The application's context reaching AWS as the Lambda jars do, through url-connection-client (the build names it
     * to the SDK for every test; the module's class path also holds the Apache client, which would be picked else).
     */
    private ApplicationContext asDeployed(Map<String, Object> settings) {
        var properties = new HashMap<String, Object>(tables.properties());
        properties.putAll(settings);
        context = ApplicationContext.run(properties);
        assertThat(context.getBean(SdkHttpClient.class)).isInstanceOf(UrlConnectionHttpClient.class);
        return context;
    }

    /** A DynamoDB client through the proxy that never retries: whatever is sent again, the HTTP client sent. */
    private DynamoDbClient withoutSdkRetries(SdkHttpClient http) {
        return DynamoDbClient.builder()
                .endpointOverride(toDynamoDb.endpoint())
                .region(FakeAws.REGION)
                .credentialsProvider(FakeAws.credentials())
                .httpClient(http)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    private Map<String, AttributeValue> newItem(String id) {
        return Map.of("pk", AttributeValue.fromS("BODIES#" + id), "sk", AttributeValue.fromS("ITEM"));
    }

    private boolean stored(String id) {
        try (DynamoDbClient direct = TestDynamoDb.shared().client()) {
            return direct.getItem(b -> b.tableName(tables.name()).key(newItem(id)).consistentRead(true)).hasItem();
        }
    }

    @Test
    void aBufferedWriteWhoseAnswerWasLostIsSentAgainByTheJdkAndAnswered() {
        String id = UUID.randomUUID().toString();
        toDynamoDb.loseAnswersTo(id, 1);

        try (DynamoDbClient dynamoDb = withoutSdkRetries(BufferedRequestBodies.around(urlConnection))) {
            dynamoDb.putItem(b -> b.tableName(tables.name()).item(newItem(id)));
        }

        assertThat(toDynamoDb.answersLost()).isEqualTo(1);
        assertThat(stored(id)).isTrue();
    }

    @Test
    void aStreamedWriteWhoseAnswerWasLostIsNotSentAgainByTheJdk() {
        String id = UUID.randomUUID().toString();
        toDynamoDb.loseAnswersTo(id, 1);

        try (DynamoDbClient dynamoDb = withoutSdkRetries(urlConnection)) {
            assertThatThrownBy(() -> dynamoDb.putItem(b -> b.tableName(tables.name()).item(newItem(id))))
                    .isInstanceOf(SdkClientException.class);
        }

        assertThat(toDynamoDb.answersLost()).isEqualTo(1);
        assertThat(stored(id)).as("carried out, its answer lost").isTrue();
    }

    @Test
    void theApplicationsDynamoDbClientGetsALostAnswerWithinItsFirstSdkAttempt() {
        asDeployed(Map.of("aws.services.dynamodb.endpoint-override", toDynamoDb.endpoint().toString()));
        List<MetricCollection> calls = new CopyOnWriteArrayList<>();
        MetricPublisher publisher = new MetricPublisher() {
            @Override
            public void publish(MetricCollection metrics) {
                calls.add(metrics);
            }

            @Override
            public void close() {
            }
        };
        String id = UUID.randomUUID().toString();
        toDynamoDb.loseAnswersTo(id, 1);

        context.getBean(DynamoDbClient.class).putItem(b -> b.tableName(tables.name()).item(newItem(id))
                .overrideConfiguration(o -> o.addMetricPublisher(publisher)));

        assertThat(toDynamoDb.answersLost()).isEqualTo(1);
        assertThat(calls).singleElement().satisfies(call -> assertThat(call.metricValues(CoreMetric.RETRY_COUNT))
                .as("SDK retries").containsExactly(0));
        assertThat(stored(id)).isTrue();
    }

    @Test
    void anEmailWhoseAnswerWasLostIsSentOnce() {
        SesEmulator ses = SesEmulator.shared();
        toSes = FaultyProxy.to(ses.endpoint());
        asDeployed(Map.of("aws.services.sesv2.endpoint-override", toSes.endpoint().toString(),
                "ripple.sinks.welcome-email.from", "welcome@ripple.example"));
        String to = "once-" + UUID.randomUUID() + "@ripple.example";
        toSes.loseAnswersTo("outbound-emails", 1);

        assertThatThrownBy(() -> context.getBean(SesV2Client.class).sendEmail(b -> b
                .fromEmailAddress("welcome@ripple.example")
                .destination(d -> d.toAddresses(to))
                .content(c -> c.simple(m -> m.subject(s -> s.data("Welcome")).body(body -> body.text(t -> t.data("Hi")))))))
                .isInstanceOf(SdkClientException.class);

        assertThat(toSes.answersLost()).isEqualTo(1);
        assertThat(ses.emailsTo(to)).hasSize(1);
    }
}
