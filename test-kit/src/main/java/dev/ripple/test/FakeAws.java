package dev.ripple.test;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one set of fake credentials and region every test client and every stack under test uses. DynamoDB Local keeps
 * tables per access key and region (without {@code -sharedDb}), so a client with other credentials would not see the
 * stack's tables; these are the local stack's own ({@code application.yml}). DynamoDB Local 2.x accepts only letters
 * and digits in the access key.
 */
public final class FakeAws {
    public static final String ACCESS_KEY = "ripplelocal";
    public static final String SECRET_KEY = "ripplelocal";
    public static final Region REGION = Region.EU_WEST_1;

    private FakeAws() {
    }

    public static AwsCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    }

    /** Application properties: Micronaut's AWS clients use these credentials and region, DynamoDB at this endpoint. */
    public static Map<String, Object> properties(URI dynamoDbEndpoint) {
        var properties = new LinkedHashMap<String, Object>();
        properties.put("aws.region", REGION.id());
        properties.put("aws.access-key-id", ACCESS_KEY);
        properties.put("aws.secret-key", SECRET_KEY);
        properties.put("aws.services.dynamodb.endpoint-override", dynamoDbEndpoint.toString());
        return properties;
    }

    /** Region and credentials as environment variables, for a JVM of its own (the AWS SDK's names). */
    public static Map<String, String> environment() {
        var environment = new LinkedHashMap<String, String>();
        environment.put("AWS_REGION", REGION.id());
        environment.put("AWS_ACCESS_KEY_ID", ACCESS_KEY);
        environment.put("AWS_SECRET_ACCESS_KEY", SECRET_KEY);
        return environment;
    }

    /** The same, with DynamoDB at this endpoint (Micronaut's name for the setting). */
    public static Map<String, String> environment(URI dynamoDbEndpoint) {
        var environment = environment();
        environment.put("AWS_SERVICES_DYNAMODB_ENDPOINT_OVERRIDE", dynamoDbEndpoint.toString());
        return environment;
    }
}
