package dev.ripple.local.cli;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Where the operator's command acts: the local stack, or a deployed stage. Both are reached through the same SDK calls
 * — DynamoDB for the table, Lambda's Invoke for the consumer — the local stack by endpoint overrides, a stage by the
 * names its Terraform gives ({@code ripple-<stage>}, {@code ripple-<stage>-consumer:live}) with the SDK's default
 * credentials and region, so no Terraform state is needed.
 */
sealed interface Target extends AutoCloseable {
    String table();

    /** The consumer as Lambda's Invoke API names it. */
    String functionName();

    DynamoDbClient dynamoDb();

    LambdaClient lambda();

    /** Where the failure documents wait: the local failure directory, or the stage's failure bucket. */
    FailureStore failures();

    /** Names the target in messages. */
    String describe();

    /** The local stack's URL; null for a stage. */
    java.net.URI localUrl();

    /** A stage's CloudWatch Logs, where Lambda writes its REPORT lines; the local stack has none. */
    default CloudWatchLogsClient logs() {
        if (this instanceof Clients clients && clients.logs() != null) {
            return clients.logs();
        }
        throw new CliException("cold starts are read from a stage's CloudWatch Logs: use --stage NAME");
    }

    @Override
    void close();

    /**
     * How long a consumer's invocation may take through Lambda's Invoke API: a function runs for 15 minutes at most.
     * Every other call of the command has the operator's {@code --aws-timeout}.
     */
    Duration INVOKE_TIMEOUT = Duration.ofMinutes(16);

    /**
     * The operator's {@code --aws-timeout} on a client: a call gives up after it, each attempt after a third of it, so
     * a service gone silent is an error in seconds — without them the SDK waited out the HTTP client's 30 s read
     * timeout on each of its attempts (up to 9 for DynamoDB).
     */
    static ClientOverrideConfiguration callsWithin(Duration awsTimeout) {
        return ClientOverrideConfiguration.builder()
                .apiCallAttemptTimeout(awsTimeout.dividedBy(3))
                .apiCallTimeout(awsTimeout)
                .build();
    }

    /** The running local stack at {@code url}, which says where its DynamoDB is ({@code GET /local/endpoints}). */
    static Target local(URI url, Duration awsTimeout) {
        Map<String, Object> endpoints;
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(url.resolve("/local/endpoints"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new CliException("the local stack at " + url + " answered " + response.statusCode()
                        + " to /local/endpoints; is it a Ripple stack?");
            }
            endpoints = JsonMapper.createDefault().readValue(response.body(), Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new CliException("no local stack answers at " + url + " (" + e.getMessage()
                    + "); start it with bin/ripple-local");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
        // The credentials and region DynamoDB Local keeps the tables under (the stack's own fake ones).
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("ripplelocal", "ripplelocal"));
        // The stack's region, as its function ARN names it (arn:aws:lambda:<region>:…).
        Region region = Region.of(((String) endpoints.get("functionArn")).split(":")[3]);
        DynamoDbClient dynamoDb = DynamoDbClient.builder().endpointOverride(URI.create(
                (String) endpoints.get("dynamoDbEndpoint"))).region(region).credentialsProvider(credentials)
                .overrideConfiguration(callsWithin(awsTimeout)).build();
        LambdaClient lambda = LambdaClient.builder().endpointOverride(url).region(region)
                .credentialsProvider(credentials).overrideConfiguration(callsWithin(awsTimeout)).build();
        return new Clients((String) endpoints.get("table"), (String) endpoints.get("functionName"), dynamoDb, lambda,
                new FailureStore.Directory(Path.of((String) endpoints.get("failureDirectory"))), null,
                "the local stack at " + url, url, null);
    }

    /**
     * A deployed stage, through the SDK's default credentials and region (and endpoints: {@code AWS_ENDPOINT_URL_S3}
     * and the like reach S3-compatible stores, which are addressed path-style).
     *
     * @param bucket the failure bucket, when not the one Terraform names ({@code ripple-<stage>-failures-<account>-
     *               <region>}, the account asked of STS)
     */
    static Target stage(String stage, String bucket, Duration awsTimeout) {
        Region region;
        try {
            region = DefaultAwsRegionProviderChain.builder().build().getRegion();
        } catch (RuntimeException e) {
            throw new CliException("no AWS region: set AWS_REGION or a profile's region (" + e.getMessage() + ")");
        }
        ClientOverrideConfiguration calls = callsWithin(awsTimeout);
        DynamoDbClient dynamoDb = DynamoDbClient.builder().region(region).overrideConfiguration(calls).build();
        LambdaClient lambda = LambdaClient.builder().region(region).overrideConfiguration(calls).build();
        boolean s3Elsewhere = System.getenv("AWS_ENDPOINT_URL_S3") != null || System.getenv("AWS_ENDPOINT_URL") != null;
        S3Client s3 = S3Client.builder().region(region).forcePathStyle(s3Elsewhere).overrideConfiguration(calls)
                .build();
        String failureBucket = bucket != null ? bucket : "ripple-" + stage + "-failures-" + account(region, calls)
                + "-" + region.id();
        return new Clients("ripple-" + stage, "ripple-" + stage + "-consumer:live", dynamoDb, lambda,
                new FailureStore.Bucket(s3, failureBucket), s3, "stage " + stage + " in " + region.id(), null,
                CloudWatchLogsClient.builder().region(region).overrideConfiguration(calls).build());
    }

    private static String account(Region region, ClientOverrideConfiguration calls) {
        try (StsClient sts = StsClient.builder().region(region).overrideConfiguration(calls).build()) {
            return sts.getCallerIdentity().account();
        } catch (SdkException e) {
            throw new CliException("cannot tell the AWS account (sts:GetCallerIdentity: " + e.getMessage()
                    + "); are there credentials? Or name the bucket with --bucket");
        }
    }

    record Clients(String table, String functionName, DynamoDbClient dynamoDb, LambdaClient lambda,
                   FailureStore failures, S3Client s3, String describe, URI localUrl, CloudWatchLogsClient logs)
            implements Target {
        @Override
        public void close() {
            dynamoDb.close();
            lambda.close();
            if (logs != null) {
                logs.close();
            }
            if (s3 != null) {
                s3.close();
            }
        }
    }
}
