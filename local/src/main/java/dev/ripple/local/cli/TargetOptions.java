package dev.ripple.local.cli;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

import java.net.URI;
import java.time.Duration;

/**
 * {@code --local [URL]} (the default, at http://127.0.0.1:8080) or {@code --stage NAME}; and how long a call to AWS
 * may take ({@code --aws-timeout SECONDS}).
 */
final class TargetOptions {
    static final String LOCAL_DEFAULT = "http://127.0.0.1:8080";

    @ArgGroup(exclusive = true)
    Choice choice;

    static final class Choice {
        @Option(names = "--local", arity = "0..1", paramLabel = "URL", fallbackValue = LOCAL_DEFAULT,
                description = "The local stack (default, at " + LOCAL_DEFAULT + ")")
        URI local;

        @Option(names = "--stage", paramLabel = "NAME",
                description = "A deployed stage: ripple-<NAME>, through the AWS SDK's default credentials and region")
        String stage;
    }

    @Option(names = "--bucket", paramLabel = "NAME",
            description = "With --stage: the failure bucket, when not ripple-<stage>-failures-<account>-<region>")
    String bucket;

    @Option(names = "--aws-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long each call to DynamoDB, S3, Lambda, CloudWatch Logs or STS may take over its attempts"
                    + " (each attempt a third of it; default ${DEFAULT-VALUE}); invoking the consumer may take 16 minutes")
    int awsTimeoutSeconds;

    /** The local stack at {@code url}, as an earlier spelling of the option named it. */
    void useLocal(URI url) {
        if (choice != null && choice.stage != null) {
            throw new CliException("--url and --stage exclude each other");
        }
        choice = new Choice();
        choice.local = url;
    }

    Target resolve() {
        if (awsTimeoutSeconds < 1) {
            throw new CliException("--aws-timeout takes a number of seconds, at least 1 (not " + awsTimeoutSeconds + ")");
        }
        Duration awsTimeout = Duration.ofSeconds(awsTimeoutSeconds);
        if (choice != null && choice.stage != null) {
            if (!choice.stage.matches("[a-z0-9-]{1,20}")) {
                throw new CliException("--stage must be a stage name (lower-case letters, digits, -): " + choice.stage);
            }
            return Target.stage(choice.stage, bucket, awsTimeout);
        }
        return Target.local(choice != null && choice.local != null ? choice.local : URI.create(LOCAL_DEFAULT),
                awsTimeout);
    }
}
