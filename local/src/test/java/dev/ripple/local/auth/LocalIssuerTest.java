package dev.ripple.local.auth;

import dev.ripple.test.stack.RippleStack;
import dev.ripple.test.stack.RippleStackExtension;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.security.token.jwt.signature.rsa.RSASignatureConfiguration;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local stack checks tokens as a stage does, with its own issuer standing where the stage's user pool stands:
 * its keys published, its token endpoint answering as an OAuth 2.0 one, {@code bin/ripple token} printing one.
 */
class LocalIssuerTest {
    @RegisterExtension
    static final RippleStackExtension ripple = new RippleStackExtension();

    private static int status(HttpRequest<?> request) {
        try {
            return ripple.stack().http().toBlocking().exchange(request, String.class).getStatus().getCode();
        } catch (HttpClientResponseException refused) {
            return refused.getStatus().getCode();
        }
    }

    private static HttpResponse<?> tokenRequest(String form) {
        try {
            return ripple.stack().http().toBlocking().exchange(HttpRequest.POST("/local/oauth2/token", form)
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE), String.class);
        } catch (HttpClientResponseException refused) {
            return refused.getResponse();
        }
    }

    @Test
    void withTheStackSwitchedOffThereIsNoLocalIssuerAndTheApiTrustsNoLocalKey() {
        // A JVM that has this module on its class path only for its parts (the benchmarks' API server).
        try (ApplicationContext context = ApplicationContext.run(Map.of("ripple.local.enabled", "false"))) {
            assertThat(context.findBean(LocalIssuer.class)).isEmpty();
            assertThat(context.findBean(LocalIssuerController.class)).isEmpty();
            assertThat(context.getBeansOfType(RSASignatureConfiguration.class)).isEmpty();
        }
    }

    @Test
    void theLocalStackRefusesAProtectedRouteWithoutAToken() {
        assertThat(status(HttpRequest.POST("/players/ada/plays", Map.of("gameId", "chess")))).isEqualTo(401);
        assertThat(status(HttpRequest.GET("/customers/anyone"))).isEqualTo(401);
    }

    @Test
    void aTokenOfTheLocalIssuerWithTheScopeIsLetThrough() {
        String token = ripple.stack().token("ripple/plays.write");

        assertThat(status(HttpRequest.POST("/players/ada/plays", Map.of("gameId", "chess")).bearerAuth(token)))
                .isEqualTo(201);
        assertThat(status(HttpRequest.GET("/players/ada/plays").bearerAuth(token))).isEqualTo(403);
        assertThat(status(HttpRequest.GET("/players/ada/plays").bearerAuth(ripple.stack().tokenFor("ada"))))
                .isEqualTo(200);
    }

    @Test
    void theStacksOwnEndpointsNeedNoToken() {
        assertThat(status(HttpRequest.GET("/health"))).isEqualTo(200);
        assertThat(status(HttpRequest.GET("/openapi/ripple-api-1.yml"))).isEqualTo(200);
        assertThat(status(HttpRequest.GET("/local/event-source-mapping"))).isEqualTo(200);
    }

    @Test
    void theHealthSaysTokensAreChecked() {
        String health = ripple.stack().http().toBlocking().retrieve(HttpRequest.GET("/health"), String.class);

        assertThat(health).contains("\"authentication\":\"tokens checked, issuer urn:ripple:local\"");
    }

    @Test
    void theIssuersTokensVerifyAgainstItsPublishedKeys() throws Exception {
        String jwks = ripple.stack().http().toBlocking().retrieve(HttpRequest.GET("/local/.well-known/jwks.json"),
                String.class);
        SignedJWT token = SignedJWT.parse(ripple.stack().token("ripple/logs.read"));

        RSAKey key = JWKSet.parse(jwks).getKeyByKeyId(token.getHeader().getKeyID()).toRSAKey();

        assertThat(key.isPrivate()).as("only the public half is published").isFalse();
        assertThat(token.verify(new RSASSAVerifier(key))).isTrue();
        assertThat(token.getJWTClaimsSet().getIssuer()).isEqualTo("urn:ripple:local");
        assertThat(token.getJWTClaimsSet().getStringClaim("client_id")).isEqualTo("ripple-local");
        assertThat(token.getJWTClaimsSet().getStringClaim("scope")).isEqualTo("ripple/logs.read");
    }

    @Test
    void withoutAScopeTheTokenEndpointGivesEveryScopeAsCognitoDoes() throws Exception {
        String token = ripple.stack().token();

        assertThat(SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("scope").split(" "))
                .contains("ripple/plays.write", "ripple/plays.read", "ripple/logs.write", "ripple/logs.read",
                        "ripple/customers.read", "ripple/votes.read").doesNotContain("ripple/player");
    }

    @Test
    void anUnknownScopeIsRefusedAsOAuthRefusesIt() {
        HttpResponse<?> refused = tokenRequest("grant_type=client_credentials&scope=ripple/everything");

        assertThat(refused.getStatus().getCode()).isEqualTo(400);
        assertThat(refused.getBody(String.class).orElseThrow()).contains("\"error\":\"invalid_scope\"",
                "ripple/everything");
    }

    @Test
    void anotherGrantIsRefusedAsOAuthRefusesIt() {
        HttpResponse<?> refused = tokenRequest("grant_type=password&username=ada&password=x");

        assertThat(refused.getStatus().getCode()).isEqualTo(400);
        assertThat(refused.getBody(String.class).orElseThrow()).contains("\"error\":\"unsupported_grant_type\"");
    }

    @Test
    void theTokenCommandPrintsATokenAloneThatTheStackAccepts() {
        var out = new StringWriter();
        var err = new StringWriter();

        int exit = TokenCommand.run(List.of("--scope", "ripple/customers.read", "--url", ripple.stack().url().toString()),
                new PrintWriter(out), new PrintWriter(err));

        assertThat(exit).isZero();
        assertThat(err.toString()).isEmpty();
        assertThat(out.toString()).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\R");
        assertThat(status(HttpRequest.GET("/customers/" + java.util.UUID.randomUUID()).bearerAuth(out.toString().strip()))).isEqualTo(404);
    }

    @Test
    void theTokenCommandRefusesAnUnknownOptionInOneLineWithExit2() {
        var err = new StringWriter();

        int exit = TokenCommand.run(List.of("--scopes", "x"), new PrintWriter(new StringWriter()), new PrintWriter(err));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().lines()).hasSize(1).first().asString().startsWith("ripple token: ");
    }

    @Test
    void theTokenCommandSaysInOneLineWhenTheStackRefusesAScope() {
        var err = new StringWriter();

        int exit = TokenCommand.run(List.of("--scope", "ripple/everything", "--url", ripple.stack().url().toString()),
                new PrintWriter(new StringWriter()), new PrintWriter(err));

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString().lines()).hasSize(1).first().asString().contains("Unknown scope ripple/everything");
    }

    @Test
    void theTokenCommandSaysInOneLineWhenNoStackAnswers() {
        var err = new StringWriter();

        int exit = TokenCommand.run(List.of("--url", "http://127.0.0.1:9"), new PrintWriter(new StringWriter()),
                new PrintWriter(err));

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString().lines()).hasSize(1).first().asString().contains("is the local stack running");
    }
}
