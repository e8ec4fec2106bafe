package dev.ripple.bench.perf;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The baseline for the consumer's cold start on real work: what a developer writes without a framework to tell Slack
 * about each new vote and to send each new customer one welcome email, once each — the records read by the Lambda
 * runtime, a receipt claimed with a conditional {@code PutItem} in the receipts table, the message posted to the
 * webhook with the JDK's HTTP client or the email sent with SES v2, the receipt completed with an {@code UpdateItem},
 * and a partial batch response. The same calls Ripple's sinks make, through the same SDK and HTTP client. Tables,
 * webhook and sender from {@code RIPPLE_TABLE_NAME}, {@code RIPPLE_RECEIPTS_TABLE_NAME},
 * {@code RIPPLE_SINKS_SLACK_WEBHOOK_URL}, {@code RIPPLE_SINKS_WELCOME_EMAIL_FROM}; endpoints, region and credentials
 * from the SDK's own environment variables.
 */
public final class PlainJavaReceiptsConsumer implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private final DynamoDbClient dynamoDb = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    private final String receipts = System.getenv("RIPPLE_RECEIPTS_TABLE_NAME");
    private final String webhook = System.getenv("RIPPLE_SINKS_SLACK_WEBHOOK_URL");
    private final String from = System.getenv("RIPPLE_SINKS_WELCOME_EMAIL_FROM");
    private HttpClient http;
    private SesV2Client ses;

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
        for (DynamodbStreamRecord record : event.getRecords()) {
            Map<String, AttributeValue> image = record.getDynamodb().getNewImage();
            String type = image == null || image.get("type") == null ? "" : image.get("type").getS();
            boolean done = switch (type) {
                case "vote" -> once("slack#" + image.get("pk").getS(), () -> postToSlack(image));
                case "customer" -> once("welcome-email#" + image.get("pk").getS(), () -> sendWelcome(image));
                default -> true;
            };
            if (!done) {
                failures.add(StreamsEventResponse.BatchItemFailure.builder()
                        .withItemIdentifier(record.getDynamodb().getSequenceNumber()).build());
                break;
            }
        }
        return StreamsEventResponse.builder().withBatchItemFailures(failures).build();
    }

    private interface Effect {
        boolean run() throws Exception;
    }

    private boolean once(String receipt, Effect effect) {
        String now = Instant.now().toString();
        try {
            dynamoDb.putItem(b -> b.tableName(receipts).conditionExpression("attribute_not_exists(pk)").item(Map.of(
                    "pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(receipt),
                    "state", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("in-progress"),
                    "claimedAt", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(now))));
        } catch (ConditionalCheckFailedException alreadyDone) {
            return true;
        }
        try {
            if (!effect.run()) {
                dynamoDb.deleteItem(b -> b.tableName(receipts).key(Map.of(
                        "pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(receipt))));
                return false;
            }
        } catch (Exception e) {
            return false;
        }
        dynamoDb.updateItem(b -> b.tableName(receipts).key(Map.of(
                        "pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(receipt)))
                .updateExpression("SET #s = :done").expressionAttributeNames(Map.of("#s", "state"))
                .expressionAttributeValues(Map.of(":done",
                        software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("done"))));
        return true;
    }

    private boolean postToSlack(Map<String, AttributeValue> vote) throws Exception {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        }
        String emoji = "thumbsup".equals(vote.get("voteType").getS()) ? "👍" : "👎";
        String text = emoji + " for *" + escape(vote.get("contentId").getS()) + "* from "
                + escape(vote.get("voter") == null ? "someone" : vote.get("voter").getS());
        String body = "{\"text\":\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(webhook))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        return answer.statusCode() == 200;
    }

    private boolean sendWelcome(Map<String, AttributeValue> customer) {
        if (ses == null) {
            ses = SesV2Client.builder().httpClient(UrlConnectionHttpClient.create()).build();
        }
        String name = customer.get("name") == null ? "" : customer.get("name").getS();
        try {
            ses.sendEmail(b -> b.fromEmailAddress(from)
                    .destination(d -> d.toAddresses(customer.get("email").getS()))
                    .content(c -> c.simple(m -> m.subject(s -> s.data("Welcome to Ripple, " + name))
                            .body(body -> body.text(t -> t.data("Hello " + name + ", thank you for signing up."))
                                    .html(h -> h.data("<p>Hello " + escape(name) + ",</p><p>thank you for signing up.</p>"))))));
            return true;
        } catch (SdkException e) {
            return false;
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
