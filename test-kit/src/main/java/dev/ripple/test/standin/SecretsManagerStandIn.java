package dev.ripple.test.standin;

import dev.ripple.test.standin.AwsJsonStandIn.Reply;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Secrets Manager on 127.0.0.1 ({@code GetSecretValue} over AWS JSON 1.1): holds secrets by id, answers
 * {@code ResourceNotFoundException} for others, and lets a test rotate a value mid-run. Point Ripple at it with
 * {@code aws.services.secretsmanager.endpoint-override}.
 */
public final class SecretsManagerStandIn implements AutoCloseable {
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final AwsJsonStandIn server;

    private SecretsManagerStandIn() {
        this.server = AwsJsonStandIn.start((n, call) -> answer(call));
    }

    public static SecretsManagerStandIn start() {
        return new SecretsManagerStandIn();
    }

    /** Creates or rotates a secret: the next {@code GetSecretValue} answers this value. */
    public SecretsManagerStandIn put(String secretId, String value) {
        secrets.put(secretId, value);
        return this;
    }

    public URI endpoint() {
        return server.endpoint();
    }

    /** The id of every secret read, one per {@code GetSecretValue} call, in order. */
    public List<String> reads() {
        return server.calls().stream().map(call -> String.valueOf(call.body().get("SecretId"))).toList();
    }

    private Reply answer(AwsJsonStandIn.Call call) {
        String id = String.valueOf(call.body().get("SecretId"));
        String value = secrets.get(id);
        if (value == null) {
            return Reply.error(400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
        }
        return Reply.ok(Map.of("ARN", "arn:aws:secretsmanager:eu-west-1:111122223333:secret:" + id,
                "Name", id, "SecretString", value, "VersionId", Integer.toHexString(value.hashCode())));
    }

    @Override
    public void close() {
        server.close();
    }
}
