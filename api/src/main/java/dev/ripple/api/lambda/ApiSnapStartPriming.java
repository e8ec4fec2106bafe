package dev.ripple.api.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.ripple.api.auth.Access;
import dev.ripple.api.auth.ApiRoutes;
import dev.ripple.api.votes.VoteCasting;
import dev.ripple.domain.TableConfig;
import dev.ripple.domain.VoteType;
import dev.ripple.domain.vote.Vote;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Lambda SnapStart's priming hook for the API function. Before the snapshot is taken it sends every route of
 * {@link ApiRoutes} through the function as API Gateway would, as bytes as the runtime hands an event over — reading
 * the event, routing, the security rule, binding, validation and the problem+json answer — with path values too long
 * to be valid and an empty body, so each request is refused before any controller reaches the table. A route behind
 * API Gateway's JWT authorizer comes as it does on a stage, with the claims of a token that has the route's scope, so
 * that it is let past the security rule into binding and validation as a caller's first request will be; then it makes each kind of DynamoDB call the API makes (put, update, get, query,
 * transaction) through the function's own client up to the moment it would be sent — marshalling, endpoint resolution,
 * signing — and stops it there. A vote on the function's own path ({@link DirectVoteCast}) is refused there too and
 * falls back to Micronaut's 400, so the own path's answer to a vote cast is written once more, for a vote made up for
 * it and never stored: the view's serializer and the 201's headers. Nothing is written and nothing leaves the
 * function: the snapshot holds no connection and no resolved credentials. A restored function then finds those
 * classes loaded and initialised.
 *
 * <p>Registered with the CRaC context at start; on a JVM without CRaC the hook never runs.
 * {@code ripple.snapstart.priming.enabled=false} turns it off.
 */
@Context
@Requires(property = "ripple.snapstart.priming.enabled", notEquals = "false")
public class ApiSnapStartPriming implements Resource {
    private static final Logger LOG = LoggerFactory.getLogger(ApiSnapStartPriming.class);
    /** Longer than any path value the API accepts: each route answers 400 before reading the table. */
    private static final String INVALID_VALUE = "p".repeat(300);
    /** The subject of the claims a priming request carries: no caller's. */
    private static final String PRIMING_CALLER = "ripple-snapstart-priming";

    private final ApplicationContext applicationContext;
    private final DynamoDbClient dynamoDb;
    private final TableConfig tables;

    ApiSnapStartPriming(ApplicationContext applicationContext, DynamoDbClient dynamoDb, TableConfig tables) {
        this.applicationContext = applicationContext;
        this.dynamoDb = dynamoDb;
        this.tables = tables;
        // The CRaC context holds its resources weakly; this bean lives as long as the application context.
        Core.getGlobalContext().register(this);
    }

    /**
     * What one priming pass did: each route's answer; the status of the own path's answer to a made-up vote (0 with
     * {@code ripple.api.lambda.direct-vote-cast=false}, when there is no own path); and the DynamoDB calls taken up to
     * sending.
     */
    public record Primed(Map<String, Integer> answers, int ownPathVoteAnswer, int callsStoppedBeforeSending) {
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Primed primed = prime();
        LOG.info("Primed for the snapshot: routes answered {}, the own path's vote answered {}, {} DynamoDB calls "
                + "stopped before sending", primed.answers(), primed.ownPathVoteAnswer(),
                primed.callsStoppedBeforeSending());
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing to refresh: nothing was sent, so no connection or credential is held from before the snapshot.
    }

    public Primed prime() {
        var function = new ApiFunction(applicationContext);
        Map<String, Integer> answers = new LinkedHashMap<>();
        for (ApiRoutes.Route route : ApiRoutes.ALL) {
            String path = route.template().replaceAll("\\{[^}]+}", INVALID_VALUE);
            boolean hasBody = route.method().equals("POST") || route.method().equals("PUT");
            var event = APIGatewayV2HTTPEvent.builder()
                    .withVersion("2.0").withRouteKey("$default").withRawPath(path).withRawQueryString("")
                    .withHeaders(hasBody ? Map.of("content-type", "application/json") : Map.of())
                    .withBody(hasBody ? "{}" : null).withIsBase64Encoded(false)
                    .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                            .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                    .withMethod(route.method()).withPath(path).withProtocol("HTTP/1.1")
                                    .withSourceIp("127.0.0.1").withUserAgent("ripple-snapstart-priming").build())
                            .withAuthorizer(asTheAuthorizerHandsIt(route.access()))
                            .build())
                    .build();
            answers.put(route.key(), asTheRuntimeInvokesIt(function, event).getStatusCode());
        }
        return new Primed(answers, primeTheOwnPathsVoteAnswer(function), primeTheSdk());
    }

    /** The event's bytes in and the answer's out, as the runtime hands them over: reading and writing primed too. */
    private APIGatewayV2HTTPResponse asTheRuntimeInvokesIt(ApiFunction function, APIGatewayV2HTTPEvent event) {
        JsonMapper json = applicationContext.getBean(JsonMapper.class);
        try {
            var answer = new ByteArrayOutputStream();
            function.handleRequest(new ByteArrayInputStream(json.writeValueAsBytes(event)), answer, null);
            return json.readValue(answer.toByteArray(), APIGatewayV2HTTPResponse.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int primeTheOwnPathsVoteAnswer(ApiFunction function) {
        // Made up here and never stored; no token is minted, so nothing meant to be unique lands in the snapshot.
        var vote = new Vote(PRIMING_CALLER, PRIMING_CALLER, VoteType.THUMBSUP, null, Map.of(), Instant.EPOCH,
                Instant.EPOCH, 1, null);
        return function.directVoteCast().map(direct -> direct.created(new VoteCasting.Cast(vote, PRIMING_CALLER),
                Optional.empty()).getStatusCode()).orElse(0);
    }

    /**
     * What API Gateway's JWT authorizer hands the function with a request to this route: the claims of a token with
     * the route's scope (each claim a string, as API Gateway writes them), or nothing for a route it does not guard.
     */
    private static APIGatewayV2HTTPEvent.RequestContext.Authorizer asTheAuthorizerHandsIt(Access access) {
        String scope = switch (access) {
            case Access.Scoped scoped -> scoped.scope();
            case Access.SubjectOrScoped self -> self.scope();
            case Access.Public open -> null;
            case Access.VoteHolder holder -> null;
        };
        return scope == null ? null : APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                        .withClaims(Map.of("sub", PRIMING_CALLER, "scope", scope)).build())
                .build();
    }

    /** Thrown by the interceptor where a call would be sent: marks a call taken as far as it may go. */
    private static final class StoppedBeforeSending extends RuntimeException {
        StoppedBeforeSending() {
            super("stopped before sending", null, false, false);
        }
    }

    private int primeTheSdk() {
        String table = tables.name();
        Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("PRIMING"), "sk", AttributeValue.fromS("PRIMING"));
        int stopped = 0;
        stopped += stopped(stop -> dynamoDb.putItem(b -> b.tableName(table).item(key)
                .conditionExpression("attribute_not_exists(pk)").overrideConfiguration(stop)));
        stopped += stopped(stop -> dynamoDb.updateItem(b -> b.tableName(table).key(key)
                .updateExpression("SET #v = :v").expressionAttributeNames(Map.of("#v", "version"))
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromN("1"))).overrideConfiguration(stop)));
        stopped += stopped(stop -> dynamoDb.getItem(b -> b.tableName(table).key(key).overrideConfiguration(stop)));
        stopped += stopped(stop -> dynamoDb.query(b -> b.tableName(table).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("PRIMING"))).overrideConfiguration(stop)));
        stopped += stopped(stop -> dynamoDb.transactWriteItems(b -> b.transactItems(item -> item.put(put -> put
                .tableName(table).item(key).conditionExpression("attribute_not_exists(pk)")))
                .overrideConfiguration(stop)));
        return stopped;
    }

    /** Runs one call with an interceptor, for this request only, that stops it just before it would be sent. */
    private static int stopped(Consumer<Consumer<software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration.Builder>> call) {
        ExecutionInterceptor stopBeforeSending = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(software.amazon.awssdk.core.interceptor.Context.BeforeTransmission context,
                                           ExecutionAttributes executionAttributes) {
                throw new StoppedBeforeSending();
            }
        };
        try {
            call.accept(override -> override.addPlugin(client -> client.overrideConfiguration(
                    client.overrideConfiguration().toBuilder().addExecutionInterceptor(stopBeforeSending).build())));
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof StoppedBeforeSending) {
                    return 1;
                }
            }
            throw e;
        }
        throw new IllegalStateException("a priming call reached DynamoDB");
    }
}
