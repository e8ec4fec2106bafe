package dev.ripple.api;

import dev.ripple.api.auth.ApiRoutes;
import dev.ripple.api.auth.Scopes;
import dev.ripple.api.lambda.ApiGatewayEvents;
import dev.ripple.test.standin.IssuerStandIn;
import dev.ripple.test.FakeAws;
import dev.ripple.test.TestDynamoDb;
import dev.ripple.test.TestTables;
import dev.ripple.test.lambda.BufferedBodiesOfTheJar;
import dev.ripple.test.lambda.DynamoDbClientTimeouts;
import dev.ripple.test.lambda.EveryEnabledBean;
import dev.ripple.test.lambda.LambdaJar;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jar Terraform deploys ({@code target/ripple-api-lambda.jar}), alone on a JVM's classpath with the handler
 * named as Terraform names it, answers API Gateway events against DynamoDB Local: it needs no Netty server, no
 * logback (it logs JSON lines through ripple-lambda-logging) and nothing from the test classpath — and checks bearer tokens against the
 * issuer's JWKS, fetched over HTTP as it fetches a Cognito user pool's, configured by environment as Terraform does.
 */
class LambdaJarIT {
    static final String HANDLER = "dev.ripple.api.lambda.ApiFunction";
    static final Path JAR = Path.of("target", "ripple-api-lambda.jar");
    private static final String INTROSPECTIONS = "META-INF/micronaut/io.micronaut.core.beans.BeanIntrospectionReference/";

    @TempDir
    Path work;

    @Test
    void theShadedJarAnswersApiGatewayEventsOnItsOwn() throws Exception {
        assertThat(JAR).as("built by the package phase").exists();
        TestTables tables = TestDynamoDb.shared().freshTables("lambda-jar");
        var events = new ApiGatewayEvents();
        IssuerStandIn issuer = ApiTestSupport.issuer();
        String authorOfTheNewsletter = "Bearer " + issuer.withScopes(Scopes.VOTES_READ);
        Path cast = Files.writeString(work.resolve("cast.json"), events.json("POST", "/votes",
                Map.of("Idempotency-Key", UUID.randomUUID().toString()), "{\"contentId\":\"jar\",\"voteType\":\"thumbsup\"}"));
        Path list = Files.writeString(work.resolve("list.json"), events.json("GET", "/content/jar/votes",
                Map.of("Authorization", authorOfTheNewsletter), null));
        Path bad = Files.writeString(work.resolve("bad.json"), events.json("POST", "/votes", Map.of(), "{\"contentId\":"));
        Path anonymous = Files.writeString(work.resolve("anonymous.json"),
                events.json("GET", "/content/jar/votes", Map.of(), null));
        Path forged = Files.writeString(work.resolve("forged.json"), events.json("GET", "/content/jar/votes",
                Map.of("Authorization", "Bearer " + issuer.token().scopes(Scopes.VOTES_READ)
                        .signedWithAnotherKeyUnderTheIssuersKeyId().compact()), null));
        // A vote holder's route: the controller itself takes the caller's Authentication, bound by security's binder.
        String noSuchVote = "/votes/" + UUID.randomUUID();
        Path readByTheAuthor = Files.writeString(work.resolve("read-by-the-author.json"), events.json("GET",
                noSuchVote, Map.of("Authorization", authorOfTheNewsletter), null));
        Path readByNobody = Files.writeString(work.resolve("read-by-nobody.json"), events.json("GET", noSuchVote,
                Map.of(), null));
        LambdaJar.Run run = new LambdaJar(JAR, work).run(HANDLER,
                asTerraformSetsIt(tables.dynamoDb().endpoint(), tables.name(), issuer),
                List.of(cast, list, bad, anonymous, forged, readByTheAuthor, readByNobody));
        String err = run.console();
        assertThat(run.exitCode()).as(err).isZero();

        JsonMapper json = JsonMapper.createDefault();
        List<Map<String, Object>> answers = new ArrayList<>();
        for (String line : run.answers()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> answer = json.readValue(line, Map.class);
            answers.add(answer);
        }
        assertThat(answers).hasSize(7);
        assertThat(answers.get(0)).containsEntry("statusCode", 201);
        assertThat(answers.get(1)).containsEntry("statusCode", 200);
        assertThat(body(answers.get(1))).contains("\"total\":1");
        assertThat(answers.get(2)).containsEntry("statusCode", 400);
        assertThat(answers.get(2).toString()).contains("application/problem+json");
        assertThat(answers.get(3)).containsEntry("statusCode", 401);
        assertThat(answers.get(3).toString()).contains("application/problem+json", "WWW-Authenticate");
        assertThat(answers.get(4)).containsEntry("statusCode", 401);
        assertThat(answers.get(5)).as("a service with votes.read may read any vote: told there is none")
                .containsEntry("statusCode", 404);
        assertThat(answers.get(6)).as("without the scope or the vote's token: refused, not told")
                .containsEntry("statusCode", 403);
        assertThat(err).contains("first answer after").doesNotContain("SLF4J(W)");
        assertThat(run.stdout()).as("every line one JSON object").isNotEmpty().allSatisfy(line -> {
            Map<String, Object> fields = json.readValue(line,
                    io.micronaut.core.type.Argument.mapOf(String.class, Object.class));
            assertThat(fields).containsKeys("timestamp", "level", "logger", "message");
        });
        assertThat(run.console()).as("no bearer token is ever logged")
                .doesNotContain(authorOfTheNewsletter.substring("Bearer ".length()));
        err.lines().filter(line -> line.contains("first answer")).forEach(line -> System.out.println("Lambda jar: " + line));
    }

    @Test
    void theShadedJarHoldsNoHttpServerNoLogbackAndNothingItNeverUses() {
        List<String> names = new LambdaJar(JAR, work).entries();

        assertThat(names).contains("dev/ripple/api/lambda/ApiFunction.class",
                "META-INF/services/com.amazonaws.services.lambda.runtime.CustomPojoSerializer",
                "META-INF/swagger/ripple-api-1.yml");
        assertThat(names).noneMatch(name -> name.startsWith("io/micronaut/http/server/netty/")
                || name.startsWith("ch/qos/logback/"));
        assertThat(names).as("what a cold start would read and never use: Netty, a second and third SDK HTTP "
                + "client, a second JSON library, the enhanced DynamoDB client, the runtime's own event serializer, "
                + "Joda-Time").noneMatch(name ->
                name.startsWith("io/netty/") || name.startsWith("io/micronaut/http/netty/")
                        || name.startsWith("com/amazonaws/lambda/thirdparty/") || name.startsWith("org/joda/")
                        || name.startsWith("com/amazonaws/services/lambda/runtime/serialization/")
                        || LambdaJar.isAnotherSdkHttpClient(name)
                        || name.startsWith("com/fasterxml/jackson/databind/")
                        || name.startsWith("software/amazon/awssdk/enhanced/"));
        assertThat(names).as("the SDK HTTP client it does use").anyMatch(name ->
                name.startsWith("software/amazon/awssdk/http/urlconnection/"));
        assertThat(names).as("the local stack and its console stay out of Lambda").noneMatch(name ->
                name.startsWith("dev/ripple/local/") || name.startsWith("console/") || name.contains("rapidoc"));
        assertThat(names).as("its logging backend").contains("dev/ripple/logging/JsonLinesProvider.class",
                "ripple-logging.properties");
    }

    @Test
    void theShadedJarRegistersOnlyTheEventTypesAndAwsClientsTheFunctionUses() {
        var jar = new LambdaJar(JAR, work);
        List<String> names = jar.entries();
        List<String> eventIntrospections = names.stream()
                .filter(name -> name.startsWith(INTROSPECTIONS + "io.micronaut.aws.lambda.events.")).toList();

        assertThat(eventIntrospections).as("API Gateway's payload 2.0 event and answer, and no other event type")
                .allMatch(name -> name.contains("APIGatewayV2HTTP"))
                .anyMatch(name -> name.endsWith("_APIGatewayV2HTTPEvent$Introspection"))
                .anyMatch(name -> name.endsWith("_APIGatewayV2HTTPEvent$RequestContext$Authorizer$JWT$Introspection"))
                .anyMatch(name -> name.endsWith("_APIGatewayV2HTTPResponse$Introspection"));
        List<String> definitions = jar.registeredBeanDefinitions();
        assertThat(definitions).as("the events module's serdes for S3 events and Joda's DateTime")
                .noneMatch(name -> name.startsWith("io.micronaut.aws.lambda.events."));
        assertThat(jar.awsClientRegistrationsOutOfStepWithTheSdk()).isEmpty();
        assertThat(definitions).contains("io.micronaut.aws.sdk.v2.service.dynamodb.$DynamoDbClientFactory$Definition",
                "io.micronaut.aws.sdk.v2.client.urlConnection.$UrlConnectionClientFactory$Definition");
    }

    @Test
    void theShadedJarBuildsEveryBeanItsContextEnables() {
        TestTables tables = TestDynamoDb.shared().freshTables("lambda-jar-beans");
        var environment = asTerraformSetsIt(tables.dynamoDb().endpoint(), tables.name(), ApiTestSupport.issuer());

        LambdaJar.Run run = new LambdaJar(JAR, work).run(HANDLER, environment, List.of(), List.of(),
                EveryEnabledBean.class);

        assertThat(run.exitCode()).as(run.console()).isZero();
        assertThat(run.answers()).as(run.console()).first().asString().startsWith("built ");
        assertThat(run.answers()).noneMatch(line -> line.startsWith(EveryEnabledBean.CANNOT_BUILD));
    }

    /** The jar configured as Terraform configures it, handling no event, with {@code inspector} run inside its JVM. */
    private LambdaJar.Run inspectedAsTerraformSetsIt(String tablePrefix, Class<?> inspector) {
        TestTables tables = TestDynamoDb.shared().freshTables(tablePrefix);
        var environment = asTerraformSetsIt(tables.dynamoDb().endpoint(), tables.name(), ApiTestSupport.issuer());

        LambdaJar.Run run = new LambdaJar(JAR, work).run(HANDLER, environment, List.of(), List.of(), inspector);

        assertThat(run.exitCode()).as(run.console()).isZero();
        return run;
    }

    @Test
    void theShadedJarsDynamoDbClientGivesUpInTheTimesTerraformSets() {
        LambdaJar.Run run = inspectedAsTerraformSetsIt("lambda-jar-timeouts", DynamoDbClientTimeouts.class);

        assertThat(run.answers()).containsExactly("attempt PT3S call PT6S");
    }

    @Test
    void theShadedJarsDynamoDbClientSendsItsRequestBodiesBuffered() {
        LambdaJar.Run run = inspectedAsTerraformSetsIt("lambda-jar-bodies", BufferedBodiesOfTheJar.class);

        assertThat(run.answers()).containsExactly("DynamoDbClientBuilder");
    }

    @Test
    void theShadedJarAnswersEveryRouteAsSnapStartPrimingSendsIt() {
        // DynamoDB where nothing listens: a request that reached it, or a call that was sent, would fail.
        var environment = asTerraformSetsIt(URI.create("http://127.0.0.1:9"), "ripple-jar-priming",
                ApiTestSupport.issuer());

        LambdaJar.Run run = new LambdaJar(JAR, work).run(HANDLER, environment, List.of(), List.of(),
                PrimingOfTheJar.class);

        assertThat(run.exitCode()).as(run.console()).isZero();
        Map<String, String> answered = new LinkedHashMap<>();
        run.answers().forEach(line -> answered.put(line.substring(0, line.lastIndexOf('|')),
                line.substring(line.lastIndexOf('|') + 1)));
        assertThat(answered).as(run.console()).containsEntry("stopped", "5").containsEntry("own path", "201");
        answered.remove("stopped");
        answered.remove("own path");
        assertThat(answered.keySet()).containsExactlyElementsOf(ApiRoutes.ALL.stream().map(ApiRoutes.Route::key).toList());
        // 400 each: the routes behind the authorizer come with its claims, past the security rule into validation.
        assertThat(answered).allSatisfy((route, status) -> assertThat(status).as(route).isEqualTo("400"));
    }

    @Test
    void theShadedJarRegistersNoSecurityFeatureOrHttpClientTheApiNeverUses() {
        List<String> registered = new LambdaJar(JAR, work).registeredBeanDefinitions();

        List<String> neverUsed = List.of("io.micronaut.security.endpoints.",
                "io.micronaut.security.token.cookie.", "io.micronaut.security.token.propagation.",
                "io.micronaut.security.token.generator.", "io.micronaut.security.token.jwt.generator.",
                "io.micronaut.security.token.jwt.encryption.", "io.micronaut.security.token.jwt.endpoints.",
                "io.micronaut.security.x509.", "io.micronaut.security.session.",
                "io.micronaut.security.authentication.$BasicAuth", "io.micronaut.http.client.",
                "io.micronaut.http.ssl.", "io.micronaut.discovery.", "io.micronaut.scheduling.processor.",
                "io.micronaut.security.rules.$SecuredAnnotationRule", "io.micronaut.security.rules.$IpPatternsRule",
                "io.micronaut.security.rules.$ConfigurationInterceptUrlMapRule",
                "io.micronaut.security.rules.$SensitiveEndpointRule", "io.micronaut.security.expressions.",
                "io.micronaut.security.token.jwt.converters.", "io.micronaut.security.token.jwt.signature.secret.",
                "io.micronaut.function.aws.proxy.payload1.", "io.micronaut.function.aws.proxy.alb.");
        assertThat(registered).as("issuing tokens, cookies, sessions, endpoints, propagation, basic auth, client "
                + "certificates, JWE, Micronaut's HTTP client and discovery, TLS stores, @Scheduled's processor, "
                + "Micronaut's own access rules, signatures configured by property, events other than payload 2.0")
                .noneMatch(name -> neverUsed.stream().anyMatch(name::startsWith));
        assertThat(registered).as("what checks a bearer token against the issuer's key set").contains(
                "io.micronaut.security.filters.$SecurityFilter$Definition",
                "io.micronaut.security.token.bearer.$BearerTokenReader$Definition",
                "io.micronaut.security.token.jwt.nimbus.$NimbusReactiveJsonWebTokenValidator$Definition",
                "io.micronaut.security.token.jwt.signature.jwks.$ResourceRetrieverJwksClient$Definition",
                "io.micronaut.security.token.jwt.signature.jwks.$JwksSignatureConfigurationProperties$Definition",
                "io.micronaut.security.authentication.$AuthenticationArgumentBinder$Definition",
                "dev.ripple.api.auth.$RouteAccessRule$Definition");
    }

    /** The function's environment as Terraform sets it, with this machine's DynamoDB and issuer. */
    private static Map<String, String> asTerraformSetsIt(URI dynamoDb, String table, IssuerStandIn issuer) {
        var environment = new HashMap<>(FakeAws.environment(dynamoDb));
        environment.put("RIPPLE_TABLE_NAME", table);
        // terraform/locals.tf's for the default api_timeout of 20 s
        environment.put("RIPPLE_DYNAMODB_ATTEMPT_TIMEOUT", "3s");
        environment.put("RIPPLE_DYNAMODB_CALL_TIMEOUT", "6s");
        environment.put("RIPPLE_API_AUTH_ISSUER", issuer.issuer());
        environment.put("RIPPLE_API_AUTH_AUDIENCES", IssuerStandIn.AUDIENCE);
        environment.put("MICRONAUT_SECURITY_TOKEN_JWT_SIGNATURES_JWKS_ISSUER_URL", issuer.jwksUrl().toString());
        return environment;
    }

    private static String body(Map<String, Object> answer) {
        Object body = answer.get("body");
        if (Boolean.TRUE.equals(answer.get("isBase64Encoded"))) {
            return new String(java.util.Base64.getDecoder().decode((String) body), StandardCharsets.UTF_8);
        }
        return String.valueOf(body);
    }
}
