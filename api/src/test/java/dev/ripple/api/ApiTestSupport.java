package dev.ripple.api;

import dev.ripple.api.auth.Access;
import dev.ripple.api.auth.ApiRoutes;
import dev.ripple.api.lambda.ApiFunction;
import dev.ripple.api.lambda.ApiGatewayHttpApi;
import dev.ripple.api.lambda.ApiGatewayJwtAuthorizer;
import dev.ripple.domain.TableDefinitions;
import dev.ripple.api.auth.Scopes;
import dev.ripple.test.TestDynamoDb;
import dev.ripple.test.standin.IssuerStandIn;
import dev.ripple.domain.TableConfig;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import static dev.ripple.api.lambda.ApiGatewayHttpApi.Authorization.JWT;
import static dev.ripple.api.lambda.ApiGatewayHttpApi.Authorization.NONE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every API test class starts from: the API at 127.0.0.1, tables of its own in the shared DynamoDB Local, and
 * a client. Subclasses add {@code @MicronautTest}. The same behaviour is tested on both ways the API runs: on Netty
 * (the local stack), and — in each {@code …ThroughApiGatewayTest} subclass, which answers true to
 * {@link #throughApiGateway()} — through the Lambda handler Terraform deploys, behind {@link ApiGatewayHttpApi},
 * which hands it events and reads its answers as API Gateway does, with the stage's routes and its JWT authorizer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ApiTestSupport implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient nettyClient;

    /** The client the tests use: Netty's, or API Gateway's (set once, so Micronaut's re-injection leaves it alone). */
    HttpClient http;

    @Inject
    ApplicationContext applicationContext;

    private ApiGatewayHttpApi apiGateway;

    @Inject
    DynamoDbClient dynamoDb;

    @Inject
    TableConfig tables;

    @Inject
    JsonMapper json;

    @Override
    public @NonNull Map<String, String> getProperties() {
        var properties = new HashMap<String, String>();
        apiProperties().forEach((name, value) -> properties.put(name, String.valueOf(value)));
        return properties;
    }

    /**
     * The API on 127.0.0.1 with tables of its own in the DynamoDB Local the test JVM shares, trusting the test JVM's
     * issuer; every request of the test's clients carries {@link #serviceToken()} unless it has its own
     * {@code Authorization} ({@link DefaultToken}).
     */
    static Map<String, Object> apiProperties() {
        var properties = new HashMap<>(TestDynamoDb.shared().freshTables("api-test").properties());
        properties.put("micronaut.server.host", "127.0.0.1");
        properties.putAll(issuer().properties());
        properties.put(DefaultToken.PROPERTY, serviceToken());
        return properties;
    }

    /**
     * The API's Lambda handler alone, with no Netty in front, over {@link #apiProperties()} and these besides, its
     * tables created: for tests that hand it events themselves. Closing it closes its context.
     */
    static ApiFunction functionOverDynamoDbLocal(Map<String, Object> besides) {
        ApiFunction function = functionCreatingNothing(besides);
        ApplicationContext context = function.getApplicationContext();
        TableDefinitions.createIfMissing(context.getBean(DynamoDbClient.class), context.getBean(TableConfig.class));
        return function;
    }

    /**
     * The same, creating no table for what {@code besides} names: for a test that points it at a store failing its
     * writes (nothing listening, a table never made).
     */
    static ApiFunction functionCreatingNothing(Map<String, Object> besides) {
        var properties = new HashMap<>(apiProperties());
        properties.putAll(besides);
        return new ApiFunction(ApplicationContext.builder().properties(properties).start());
    }

    /** The issuer every API test trusts, as a stage trusts its user pool. */
    static IssuerStandIn issuer() {
        return IssuerStandIn.shared();
    }

    /** A service's token with every service scope: what behaviour tests other than access's call with. */
    static String serviceToken() {
        return issuer().withScopes(Scopes.SERVICES.toArray(String[]::new));
    }

    @BeforeAll
    void createTables() {
        TableDefinitions.createIfMissing(dynamoDb, tables);
    }

    /** True: requests go through API Gateway and the Lambda handler instead of Netty. */
    boolean throughApiGateway() {
        return false;
    }

    /**
     * True (through API Gateway): the stage's routes, those needing a token behind its JWT authorizer, as on AWS.
     * False: every request straight to the function, which then checks every token itself.
     */
    boolean behindTheJwtAuthorizer() {
        return true;
    }

    /**
     * The stage's routes as Terraform's {@code local.api_routes} declares them for API Gateway — a route that needs a
     * token has the authorizer and its scopes; public and vote-holder routes (a vote's token is no JWT) have none —
     * read from {@link ApiRoutes}, which {@code ApiAuthorizationWiringTest} holds equal to the Terraform.
     */
    static List<ApiGatewayHttpApi.Route> stageRoutes() {
        return ApiRoutes.ALL.stream().map(route -> switch (route.access()) {
            case Access.Public open -> new ApiGatewayHttpApi.Route(route.key(), NONE, List.of());
            case Access.VoteHolder holder -> new ApiGatewayHttpApi.Route(route.key(), NONE, List.of());
            case Access.Scoped scoped -> new ApiGatewayHttpApi.Route(route.key(), JWT, List.of(scoped.scope()));
            case Access.SubjectOrScoped self -> new ApiGatewayHttpApi.Route(route.key(), JWT,
                    List.of(self.scope(), self.personScope()));
        }).toList();
    }

    /** The stage's JWT authorizer, trusting the test issuer as Terraform has it trust the user pool. */
    static ApiGatewayJwtAuthorizer stageAuthorizer() {
        return new ApiGatewayJwtAuthorizer(issuer().issuer(), List.of(IssuerStandIn.AUDIENCE));
    }

    @BeforeAll
    void connect() {
        if (throughApiGateway()) {
            var function = new ApiFunction(applicationContext);
            apiGateway = behindTheJwtAuthorizer()
                    ? ApiGatewayHttpApi.start(function, stageRoutes(), stageAuthorizer(), integrationTimeout())
                    : ApiGatewayHttpApi.start(function);
            http = applicationContext.createBean(HttpClient.class, apiGateway.url());
        } else {
            http = nettyClient;
        }
    }

    /** How long API Gateway waits for the function before it answers the client 503 (Terraform's default). */
    Duration integrationTimeout() {
        return ApiGatewayHttpApi.INTEGRATION_TIMEOUT;
    }

    /** A POST with this {@code Idempotency-Key}, its JSON answer. */
    HttpResponse<Map> postWithKey(String path, Object body, String key) {
        return http.toBlocking().exchange(HttpRequest.POST(path, body).header("Idempotency-Key", key), Map.class);
    }

    /** The votes on this content, as its index holds them. */
    List<Map<String, AttributeValue>> votesOn(String contentId) {
        return dynamoDb.query(b -> b.tableName(tables.name()).indexName("gsi1")
                .keyConditionExpression("gsi1pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("CONTENT#" + contentId)))).items();
    }

    /** How many requests API Gateway handed the function (0 on Netty). */
    int functionInvocations() {
        return apiGateway == null ? 0 : apiGateway.invocations();
    }

    /** Where requests go: Netty's address, or API Gateway's. */
    URI baseUrl() {
        return apiGateway != null ? apiGateway.url() : applicationContext.getBean(EmbeddedServer.class).getURI();
    }

    @AfterAll
    void disconnect() {
        if (apiGateway != null) {
            http.close();
            apiGateway.close();
            assertThat(apiGateway.requests()).as("requests that went through API Gateway, not Netty").isPositive();
        }
    }

    /** Sends {@code racers} copies of a request at once; the status each one got, refusals included. */
    static List<Integer> statusesOfRacing(int racers, Supplier<HttpResponse<?>> request) throws Exception {
        var calls = new ArrayList<Callable<Integer>>();
        for (int i = 0; i < racers; i++) {
            calls.add(() -> {
                try {
                    return request.get().getStatus().getCode();
                } catch (HttpClientResponseException refused) {
                    return refused.getStatus().getCode();
                }
            });
        }
        var statuses = new ArrayList<Integer>();
        try (var pool = Executors.newFixedThreadPool(racers)) {
            for (Future<Integer> status : pool.invokeAll(calls)) {
                statuses.add(status.get());
            }
        }
        return statuses;
    }
}
