package dev.ripple.consumer;

import dev.ripple.test.FakeAws;
import dev.ripple.test.StreamEvents;
import dev.ripple.test.TestDynamoDb;
import dev.ripple.test.TestTables;
import dev.ripple.test.lambda.LambdaJar;
import dev.ripple.test.standin.SesEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consumer's shaded jar, its handler loaded by name as Lambda loads it, fed sign-ups as Lambda delivers them
 * (a {@code DynamodbEvent} of customer INSERTs) with the environment Terraform gives it: one welcome email per
 * customer reaches SES (the aws-ses-v2-local emulator) from the configured sender and name, replies going where
 * configured, and the same batch delivered again — as the mapping does after a failed invocation — sends nothing
 * twice.
 */
class LambdaJarWelcomeEmailIT {
    @TempDir
    Path work;

    @Test
    void eachSignUpGetsOneWelcomeEmailFromTheNamedSenderEvenWhenTheBatchComesAgain() throws Exception {
        TestTables tables = TestDynamoDb.shared().freshTables("welcome-jar");
        SesEmulator ses = SesEmulator.shared();
        String run = "jar-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        Path signUps = Files.writeString(work.resolve("sign-ups.json"), StreamEvents.customers(run, 2, Instant.now()));
        var environment = new HashMap<>(FakeAws.environment(tables.dynamoDb().endpoint()));
        environment.putAll(Map.of(
                "RIPPLE_TABLE_NAME", tables.name(),
                "RIPPLE_TABLE_RECEIPTS", tables.receiptsName(),
                "AWS_SERVICES_SESV2_ENDPOINT_OVERRIDE", ses.endpoint().toString(),
                "RIPPLE_SINKS_WELCOME_EMAIL_FROM", "welcome@ripple.example",
                "RIPPLE_SINKS_WELCOME_EMAIL_FROM_NAME", "Équipe Ripple",
                "RIPPLE_SINKS_WELCOME_EMAIL_REPLY_TO", "grace@ripple.example,support@ripple.example",
                "MICRONAUT_APPLICATION_JSON",
                "{\"ripple\":{\"routes\":{\"customer\":{\"events\":[\"INSERT\"],\"sinks\":[\"welcome-email\"]}}}}"));

        LambdaJar.Run result = new LambdaJar(LambdaJarIT.JAR, work).run(StreamHandler.class.getName(), environment,
                List.of(signUps, signUps));

        assertThat(result.exitCode()).as(result.console()).isZero();
        assertThat(result.answers()).as(result.console())
                .containsExactly("{\"batchItemFailures\":[]}", "{\"batchItemFailures\":[]}");
        for (String address : List.of(run + "0@example.com", run + "1@example.com")) {
            assertThat(ses.emailsTo(address)).as(address).singleElement().satisfies(email -> assertThat(email)
                    // "Équipe Ripple" in an RFC 2047 encoded-word: SES takes no raw UTF-8 in a sender's name.
                    .containsEntry("from", "=?UTF-8?B?w4lxdWlwZSBSaXBwbGU=?= <welcome@ripple.example>")
                    .containsEntry("replyTo", List.of("grace@ripple.example", "support@ripple.example")));
        }
        assertThat(result.console().lines().filter(line -> line.contains("sent as SES message")))
                .as("sent by the first invocation only: the second found both receipts done").hasSize(2);
    }
}
