package dev.ripple.bench.floor;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
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
 * {@code POST /votes} as the plain-Java baseline does it ({@code PlainJavaVoteApi} in the bench module): the body bound
 * by serde, the same checks written out, the same item written with the same conditional {@code PutItem} through the
 * client micronaut-aws-sdk-v2 builds, a 201 with the vote. No security, no bean validation, no other route: the
 * framework's share of the API's first request, and nothing of the API's own.
 */
@Controller
public class VoteController {
    private static final Set<String> VOTE_TYPES = Set.of("thumbsup", "thumbsdown");
    private final DynamoDbClient dynamoDb;
    private final String table;
    private final SecureRandom random = new SecureRandom();

    VoteController(DynamoDbClient dynamoDb, @Value("${ripple.table-name}") String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /** The request's body. */
    @Serdeable
    public record VoteBody(String contentId, String voteType, String voter) {
    }

    /** The answer's body. */
    @Serdeable
    public record Vote(String voteId, String contentId, String voteType, String voter, Map<String, String> answers,
                       String createdAt, String updatedAt, int version, String editToken) {
    }

    /** The API's controllers run on Micronaut's {@code io} pool, on Lambda as on Netty; so does this one. */
    @Post("/votes")
    @ExecuteOn(TaskExecutors.IO)
    HttpResponse<?> vote(@Body VoteBody body) {
        String contentId = body.contentId() == null ? "" : body.contentId();
        String voteType = body.voteType() == null ? "" : body.voteType();
        String voter = body.voter() == null ? "" : body.voter();
        if (contentId.isBlank() || contentId.length() > 200 || !VOTE_TYPES.contains(voteType) || voter.length() > 100) {
            return HttpResponse.badRequest(Map.of("title", "Invalid vote"));
        }
        String voteId = UUID.randomUUID().toString();
        byte[] token = new byte[32];
        random.nextBytes(token);
        String editToken = Base64.getUrlEncoder().withoutPadding().encodeToString(token);
        String now = Instant.now().toString();
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("pk", text("VOTE#" + voteId));
        item.put("sk", text("VOTE"));
        item.put("type", text("vote"));
        item.put("voteId", text(voteId));
        item.put("contentId", text(contentId));
        item.put("voteType", text(voteType));
        if (!voter.isBlank()) {
            item.put("voter", text(voter));
        }
        item.put("answers", AttributeValue.fromM(Map.of()));
        item.put("createdAt", text(now));
        item.put("updatedAt", text(now));
        item.put("version", AttributeValue.fromN("1"));
        item.put("gsi1pk", text("CONTENT#" + contentId));
        item.put("gsi1sk", text(now + "#" + voteId));
        item.put("editTokenHash", text(sha256(editToken)));
        try {
            dynamoDb.putItem(put -> put.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException e) {
            return HttpResponse.status(HttpStatus.CONFLICT);
        }
        return HttpResponse.created(new Vote(voteId, contentId, voteType, voter, Map.of(), now, now, 1, editToken));
    }

    private static AttributeValue text(String value) {
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
}
