package dev.ripple.bench.perf;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The baseline for the API's cold start: {@code POST /votes} as a developer writes it without a framework — the
 * body read with Jackson, the same checks on its fields, the same item (keys, index keys, times, version, the hash of
 * a new edit token) written with the same conditional {@code PutItem} through the same SDK and HTTP client, and a 201
 * with the vote. The table is {@code RIPPLE_TABLE_NAME}; the endpoint, region and credentials come from the SDK's own
 * environment variables.
 *
 * <p>A vote with an {@code Idempotency-Key} makes the calls the API makes for one: the key claimed with a conditional
 * {@code UpdateItem} in the receipts table ({@code RIPPLE_RECEIPTS_TABLE_NAME}), the vote's id made from the key and
 * the request, the vote put, and the claim completed with the answer kept (its edit token left out).
 */
public final class PlainJavaVoteApi implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final Set<String> VOTE_TYPES = Set.of("thumbsup", "thumbsdown");
    private final ObjectMapper json = new ObjectMapper();
    private final DynamoDbClient dynamoDb = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    private final String table = System.getenv("RIPPLE_TABLE_NAME");
    private final String receipts = System.getenv("RIPPLE_RECEIPTS_TABLE_NAME");
    private final SecureRandom random = new SecureRandom();

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        if (!"POST".equals(event.getRequestContext().getHttp().getMethod()) || !"/votes".equals(event.getRawPath())) {
            return answer(404, "{\"title\":\"Not found\"}");
        }
        JsonNode body;
        try {
            String text = event.getIsBase64Encoded()
                    ? new String(Base64.getDecoder().decode(event.getBody()), StandardCharsets.UTF_8) : event.getBody();
            body = json.readTree(text);
        } catch (Exception e) {
            return answer(400, "{\"title\":\"Malformed body\"}");
        }
        String contentId = body.path("contentId").asText("");
        String voteType = body.path("voteType").asText("");
        String voter = body.path("voter").asText("");
        if (contentId.isBlank() || contentId.length() > 200 || !VOTE_TYPES.contains(voteType) || voter.length() > 100) {
            return answer(400, "{\"title\":\"Invalid vote\"}");
        }
        String key = event.getHeaders() == null ? null : event.getHeaders().get("idempotency-key");
        String fingerprint = sha256("POST /votes\n" + body);
        String claim = UUID.randomUUID().toString();
        String receipt = "api-idempotency#" + sha256(key == null ? "" : key);
        long nowMillis = System.currentTimeMillis();
        if (key != null) {
            try {
                dynamoDb.updateItem(b -> b.tableName(receipts).key(Map.of("pk", s(receipt)))
                        .updateExpression("SET #status = :inProgress, #claim = :claim, #until = :until,"
                                + " #expires = :expires, #fingerprint = :fingerprint")
                        .conditionExpression("attribute_not_exists(pk) OR #expires < :nowSeconds")
                        .expressionAttributeNames(Map.of("#status", "status", "#claim", "claim",
                                "#until", "claimedUntil", "#expires", "expiresAt", "#fingerprint", "fingerprint"))
                        .expressionAttributeValues(Map.of(":inProgress", s("IN_PROGRESS"), ":claim", s(claim),
                                ":until", AttributeValue.fromN(Long.toString(nowMillis + 30_000)),
                                ":expires", AttributeValue.fromN(Long.toString(nowMillis / 1000 + 86_400)),
                                ":fingerprint", s(fingerprint),
                                ":nowSeconds", AttributeValue.fromN(Long.toString(nowMillis / 1000)))));
            } catch (ConditionalCheckFailedException e) {
                return answer(409, "{\"title\":\"Conflict\"}");
            }
        }
        String voteId = key == null ? UUID.randomUUID().toString()
                : UUID.nameUUIDFromBytes((sha256(key + "\n" + fingerprint) + "#vote").getBytes(StandardCharsets.UTF_8))
                        .toString();
        byte[] token = new byte[32];
        random.nextBytes(token);
        String editToken = Base64.getUrlEncoder().withoutPadding().encodeToString(token);
        String now = Instant.now().toString();
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("pk", s("VOTE#" + voteId));
        item.put("sk", s("VOTE"));
        item.put("type", s("vote"));
        item.put("voteId", s(voteId));
        item.put("contentId", s(contentId));
        item.put("voteType", s(voteType));
        if (!voter.isBlank()) {
            item.put("voter", s(voter));
        }
        item.put("answers", AttributeValue.fromM(Map.of()));
        item.put("createdAt", s(now));
        item.put("updatedAt", s(now));
        item.put("version", AttributeValue.fromN("1"));
        item.put("gsi1pk", s("CONTENT#" + contentId));
        item.put("gsi1sk", s(now + "#" + voteId));
        item.put("editTokenHash", s(sha256(editToken)));
        try {
            dynamoDb.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException e) {
            return answer(409, "{\"title\":\"Conflict\"}");
        }
        var vote = new LinkedHashMap<String, Object>();
        vote.put("voteId", voteId);
        vote.put("contentId", contentId);
        vote.put("voteType", voteType);
        vote.put("voter", voter);
        vote.put("answers", Map.of());
        vote.put("createdAt", now);
        vote.put("updatedAt", now);
        vote.put("version", 1);
        try {
            if (key != null) {
                String kept = json.writeValueAsString(vote);
                dynamoDb.updateItem(b -> b.tableName(receipts).key(Map.of("pk", s(receipt)))
                        .updateExpression("SET #status = :completed, #response = :response REMOVE #until, #claim")
                        .conditionExpression("#claim = :claim")
                        .expressionAttributeNames(Map.of("#status", "status", "#response", "responseBody",
                                "#until", "claimedUntil", "#claim", "claim"))
                        .expressionAttributeValues(Map.of(":completed", s("COMPLETED"), ":response", s(kept),
                                ":claim", s(claim))));
            }
            vote.put("editToken", editToken);
            return answer(201, json.writeValueAsString(vote));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static String sha256(String text) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static APIGatewayV2HTTPResponse answer(int status, String body) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status)
                .withHeaders(Map.of("Content-Type", "application/json")).withBody(body).build();
    }
}
