package dev.ripple.api.lambda;

import dev.ripple.api.auth.ApiRoutes;
import dev.ripple.test.TestDynamoDb;
import dev.ripple.test.TestTables;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the API function does before a SnapStart snapshot: every route and every kind of DynamoDB call, nothing sent. */
class ApiSnapStartPrimingTest {
    private ApplicationContext context;

    @AfterEach
    void close() {
        if (context != null) {
            context.close();
        }
    }

    private ApplicationContext function(Map<String, Object> overrides) {
        TestTables tables = TestDynamoDb.shared().freshTables("priming");
        var properties = new HashMap<String, Object>(tables.properties());
        properties.put("ripple.api.auth.issuer", "https://issuer.example");
        properties.put("ripple.api.auth.audiences", "ripple");
        properties.put("micronaut.security.token.jwt.signatures.jwks.issuer.url", "http://127.0.0.1:9/jwks.json");
        properties.putAll(overrides);
        context = ApplicationContext.run(properties);
        return context;
    }

    @Test
    void everyRouteIsAnsweredAndEveryKindOfCallStopsBeforeItIsSent() {
        // DynamoDB where nothing listens: a request that reached it, or a call that was sent, would fail.
        var primed = function(Map.of("aws.services.dynamodb.endpoint-override", "http://127.0.0.1:9"))
                .getBean(ApiSnapStartPriming.class).prime();

        assertThat(primed.answers().keySet()).containsExactlyElementsOf(
                ApiRoutes.ALL.stream().map(ApiRoutes.Route::key).toList());
        // 400: past the security rule — routes behind the authorizer with its claims — into validation.
        assertThat(primed.answers()).allSatisfy((route, status) -> assertThat(status).as(route).isEqualTo(400));
        assertThat(primed.callsStoppedBeforeSending()).isEqualTo(5);
    }

    @Test
    void aVotesAnswerOnTheOwnPathIsWrittenForAVoteNeverCast() {
        // Nothing listens where DynamoDB would be: the answer is written without a vote being cast.
        var primed = function(Map.of("aws.services.dynamodb.endpoint-override", "http://127.0.0.1:9"))
                .getBean(ApiSnapStartPriming.class).prime();

        assertThat(primed.ownPathVoteAnswer()).isEqualTo(201);
    }

    @Test
    void withoutTheOwnPathNoVoteAnswerIsWritten() {
        var primed = function(Map.of("ripple.api.lambda.direct-vote-cast", false))
                .getBean(ApiSnapStartPriming.class).prime();

        assertThat(primed.ownPathVoteAnswer()).isZero();
        assertThat(primed.answers()).containsEntry("POST /votes", 400);
    }

    @Test
    void primingWritesNothingToTheTable() {
        var context = function(Map.of());
        var tables = context.getBean(dev.ripple.domain.TableConfig.class);
        var dynamoDb = context.getBean(software.amazon.awssdk.services.dynamodb.DynamoDbClient.class);
        dev.ripple.domain.TableDefinitions.createIfMissing(dynamoDb, tables);

        context.getBean(ApiSnapStartPriming.class).beforeCheckpoint(null);

        assertThat(dynamoDb.scan(b -> b.tableName(tables.name())).count()).isZero();
        assertThat(dynamoDb.scan(b -> b.tableName(tables.receiptsName())).count()).isZero();
    }

    @Test
    void switchedOffThereIsNoHook() {
        assertThat(function(Map.of("ripple.snapstart.priming.enabled", false))
                .findBean(ApiSnapStartPriming.class)).isEmpty();
    }
}
