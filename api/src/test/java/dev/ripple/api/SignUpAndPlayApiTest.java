package dev.ripple.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Customers, plays and badges: the writes the sinks react to and the reads of what they produced. */
@MicronautTest
class SignUpAndPlayApiTest extends ApiTestSupport {

    @SuppressWarnings("rawtypes")
    private HttpResponse<Map> post(String path, Object body) {
        return http.toBlocking().exchange(HttpRequest.POST(path, body), Map.class);
    }

    private Map<String, AttributeValue> item(String pk, String sk) {
        return dynamoDb.getItem(b -> b.tableName(tables.name()).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk)))).item();
    }

    private static String address() {
        return "Ada." + UUID.randomUUID() + "@Example.com";
    }

    @Test
    void aSignUpStoresTheCustomerAndTheClaimOnItsLowerCaseAddress() {
        String email = address();

        @SuppressWarnings("rawtypes")
        HttpResponse<Map> response = post("/customers", Map.of("email", email, "name", "Ada Lovelace"));

        assertThat(response.getStatus().getCode()).isEqualTo(201);
        String id = (String) response.body().get("customerId");
        assertThat(response.header("Location")).isEqualTo("/customers/" + id);
        Map<String, AttributeValue> customer = item("CUSTOMER#" + id, "PROFILE");
        assertThat(customer.get("type").s()).isEqualTo("customer");
        assertThat(customer.get("email").s()).as("the domain in lower case").isEqualTo(email.replace("@Example.com", "@example.com"));
        assertThat(customer.get("name").s()).isEqualTo("Ada Lovelace");
        Map<String, AttributeValue> claim = item("EMAIL#" + email.toLowerCase(), "CLAIM");
        assertThat(claim.get("type").s()).isEqualTo("email-claim");
        assertThat(claim.get("customerId").s()).isEqualTo(id);
    }

    @Test
    void theSameAddressInAnotherLetterCaseIsAConflictAndStoresNothing() throws IOException {
        String email = address();
        post("/customers", Map.of("email", email, "name", "Ada"));

        Map<String, Object> problem = ProblemResponses.problemOf(http, json,
                HttpRequest.POST("/customers", Map.of("email", email.toUpperCase(), "name", "Impostor")),
                HttpStatus.CONFLICT);

        assertThat(problem).containsEntry("type", "urn:ripple:problem:conflict");
        assertThat(dynamoDb.scan(b -> b.tableName(tables.name())).items())
                .noneMatch(item -> item.containsKey("name") && item.get("name").s().equals("Impostor"));
    }

    @Test
    void aNameWithALineBreakIsRefused() throws IOException {
        Map<String, Object> problem = ProblemResponses.problemOf(http, json,
                HttpRequest.POST("/customers", Map.of("email", address(), "name", "Ada\r\nBcc: x@example.com")),
                HttpStatus.BAD_REQUEST);

        assertThat(ProblemResponses.fieldsOf(problem)).containsExactly("name");
    }

    @Test
    void aFullwidthFormOfAnAddressIsTheSameCustomerAsItsAsciiForm() throws IOException {
        String local = "ada" + UUID.randomUUID().toString().substring(0, 8);
        post("/customers", Map.of("email", local + "@example.com", "name", "Ada"));
        String fullwidth = local.toUpperCase().chars()
                .mapToObj(c -> Character.isLetterOrDigit(c) ? String.valueOf((char) (c - 0x21 + 0xFF01)) : String.valueOf((char) c))
                .reduce("", String::concat) + "＠ｅｘａｍｐｌｅ．ｃｏｍ";

        Map<String, Object> problem = ProblemResponses.problemOf(http, json,
                HttpRequest.POST("/customers", Map.of("email", fullwidth, "name", "Ada again")), HttpStatus.CONFLICT);

        assertThat(problem).containsEntry("type", "urn:ripple:problem:conflict");
    }

    @Test
    void anInternationalisedDomainIsStoredAsSesSendsTo() {
        String local = "ada" + UUID.randomUUID().toString().substring(0, 8);

        @SuppressWarnings("rawtypes")
        HttpResponse<Map> response = post("/customers", Map.of("email", local + "@Bücher.example", "name", "Ada"));

        assertThat(response.body()).containsEntry("email", local + "@xn--bcher-kva.example");
    }

    @Test
    void anAddressWhoseLocalPartSesCannotSendToIsRefusedNamingTheRule() throws IOException {
        Map<String, Object> problem = ProblemResponses.problemOf(http, json,
                HttpRequest.POST("/customers", Map.of("email", "jürgen@example.com", "name", "Jürgen")),
                HttpStatus.BAD_REQUEST);

        assertThat(ProblemResponses.fieldsOf(problem)).containsExactly("email");
        assertThat((String) problem.get("detail")).contains("ASCII");
    }

    @Test
    void aNameWithABidirectionalOverrideIsRefused() throws IOException {
        Map<String, Object> problem = ProblemResponses.problemOf(http, json,
                HttpRequest.POST("/customers", Map.of("email", address(), "name", "Ada \u202egnp.exe")),
                HttpStatus.BAD_REQUEST);

        assertThat(ProblemResponses.fieldsOf(problem)).containsExactly("name");
        assertThat((String) problem.get("detail")).contains("bidirectional");
    }

    @Test
    void aPlayBeforeTheYear2000IsRefused() throws IOException {
        Map<String, Object> problem = ProblemResponses.problemOf(http, json,
                HttpRequest.POST("/players/p-1/plays", Map.of("gameId", "chess", "playedAt", "0001-01-01T00:00:00Z")),
                HttpStatus.BAD_REQUEST);

        assertThat(ProblemResponses.fieldsOf(problem)).containsExactly("playedAt");
    }

    @Test
    void anInvalidAddressIsRefused() throws IOException {
        Map<String, Object> problem = ProblemResponses.problemOf(http, json,
                HttpRequest.POST("/customers", Map.of("email", "not-an-address", "name", "Ada")),
                HttpStatus.BAD_REQUEST);

        assertThat(ProblemResponses.fieldsOf(problem)).containsExactly("email");
    }

    @Test
    void aPlayIsStoredInThePlayersPartitionSortedByTime() {
        @SuppressWarnings("rawtypes")
        HttpResponse<Map> response = post("/players/p-1/plays",
                Map.of("gameId", "chess", "playedAt", "2026-11-01T18:00:00Z"));

        assertThat(response.getStatus().getCode()).isEqualTo(201);
        String playId = (String) response.body().get("playId");
        Map<String, AttributeValue> play = item("PLAYER#p-1", "PLAY#2026-11-01T18:00:00.000Z#" + playId);
        assertThat(play.get("type").s()).isEqualTo("play");
        assertThat(play.get("gameId").s()).isEqualTo("chess");
        assertThat(play.get("playedAt").s()).isEqualTo("2026-11-01T18:00:00.000Z");
    }

    @Test
    void aPlayWithoutATimeIsPlayedNow() {
        Instant before = Instant.now().minusSeconds(1);

        @SuppressWarnings("rawtypes")
        HttpResponse<Map> response = post("/players/p-2/plays", Map.of("gameId", "go"));

        assertThat(Instant.parse((String) response.body().get("playedAt"))).isAfter(before);
    }

    @Test
    void aPlayInTheFutureIsRefused() throws IOException {
        Map<String, Object> problem = ProblemResponses.problemOf(http, json,
                HttpRequest.POST("/players/p-3/plays", Map.of("gameId", "go",
                        "playedAt", Instant.now().plusSeconds(3600).toString())),
                HttpStatus.BAD_REQUEST);

        assertThat(ProblemResponses.fieldsOf(problem)).containsExactly("playedAt");
    }

    @Test
    void aPlayerIdThatCannotBeAKeyIsRefused() throws IOException {
        Map<String, Object> problem = ProblemResponses.problemOf(http, json,
                HttpRequest.POST("/players/a%23b/plays", Map.of("gameId", "go")), HttpStatus.BAD_REQUEST);

        assertThat(problem).containsEntry("type", "urn:ripple:problem:invalid-request");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aCustomerCanBeReadBack() {
        String email = address();
        String id = (String) post("/customers", Map.of("email", email, "name", "Ada")).body().get("customerId");

        Map<String, Object> customer = http.toBlocking().retrieve(HttpRequest.GET("/customers/" + id), Map.class);

        assertThat(customer).containsEntry("customerId", id)
                .containsEntry("email", email.replace("@Example.com", "@example.com")).containsEntry("name", "Ada");
    }

    @Test
    void anUnknownCustomerIs404() throws IOException {
        Map<String, Object> problem = ProblemResponses.problemOf(http, json,
                HttpRequest.GET("/customers/" + UUID.randomUUID()), HttpStatus.NOT_FOUND);

        assertThat(problem).containsEntry("type", "urn:ripple:problem:not-found");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> get(String path) {
        return http.toBlocking().retrieve(HttpRequest.GET(path), Map.class);
    }

    @SuppressWarnings("unchecked")
    private static List<String> games(Map<String, Object> page) {
        return ((List<Map<String, Object>>) page.get("items")).stream().map(play -> (String) play.get("gameId")).toList();
    }

    @Test
    void playsArePagedNewestFirstWithAnOpaqueCursor() {
        String player = "pager-" + UUID.randomUUID().toString().substring(0, 8);
        for (int n = 1; n <= 5; n++) {
            post("/players/" + player + "/plays", Map.of("gameId", "game-" + n, "playedAt", "2026-11-0" + n + "T10:00:00Z"));
        }

        Map<String, Object> first = get("/players/" + player + "/plays?limit=2");
        Map<String, Object> second = get("/players/" + player + "/plays?limit=2&cursor=" + first.get("nextCursor"));
        Map<String, Object> third = get("/players/" + player + "/plays?limit=2&cursor=" + second.get("nextCursor"));

        assertThat(games(first)).containsExactly("game-5", "game-4");
        assertThat(games(second)).containsExactly("game-3", "game-2");
        assertThat(games(third)).containsExactly("game-1");
        assertThat(third.get("nextCursor")).isNull();
    }

    @Test
    void aCursorOfAnotherPlayerIsRefused() throws IOException {
        post("/players/owner/plays", Map.of("gameId", "go"));
        post("/players/owner/plays", Map.of("gameId", "go"));
        String cursor = (String) get("/players/owner/plays?limit=1").get("nextCursor");

        Map<String, Object> problem = ProblemResponses.problemOf(http, json,
                HttpRequest.GET("/players/intruder/plays?cursor=" + cursor), HttpStatus.BAD_REQUEST);

        assertThat(ProblemResponses.fieldsOf(problem)).containsExactly("cursor");
    }

    @Test
    void aGarbageCursorIsRefused() throws IOException {
        Map<String, Object> problem = ProblemResponses.problemOf(http, json,
                HttpRequest.GET("/players/p-1/plays?cursor=not%25base64"), HttpStatus.BAD_REQUEST);

        assertThat(ProblemResponses.fieldsOf(problem)).containsExactly("cursor");
    }

    @Test
    void aPageSizeOutsideOneToAHundredIsRefused() throws IOException {
        for (String limit : List.of("0", "101")) {
            Map<String, Object> problem = ProblemResponses.problemOf(http, json,
                    HttpRequest.GET("/players/p-1/plays?limit=" + limit), HttpStatus.BAD_REQUEST);
            assertThat(ProblemResponses.fieldsOf(problem)).containsExactly("limit");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theBadgesTheSinkWroteAreListed() {
        String player = "badged-" + UUID.randomUUID().toString().substring(0, 8);
        dynamoDb.putItem(b -> b.tableName(tables.name()).item(Map.of(
                "pk", AttributeValue.fromS("PLAYER#" + player), "sk", AttributeValue.fromS("BADGE#first-play"),
                "type", AttributeValue.fromS("badge"), "playerId", AttributeValue.fromS(player),
                "badgeId", AttributeValue.fromS("first-play"),
                "earnedAt", AttributeValue.fromS("2026-11-01T10:00:00.000Z"))));

        Map<String, Object> badges = get("/players/" + player + "/badges");

        assertThat(badges).containsEntry("playerId", player);
        assertThat((List<Map<String, Object>>) badges.get("badges")).singleElement().satisfies(badge ->
                assertThat(badge).containsEntry("badgeId", "first-play").containsEntry("earnedAt", "2026-11-01T10:00:00Z"));
        assertThat((List<?>) get("/players/nobody/badges").get("badges")).isEmpty();
    }
}
