package dev.ripple.local;

import dev.ripple.local.cli.RippleCli;
import dev.ripple.test.FakeAws;
import dev.ripple.test.standin.FaultyProxy;
import dev.ripple.test.standin.S3Proxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's command against a stage whose AWS goes silent: S3 takes the failure bucket's listing but answers
 * nothing, on a connection that stays open (a proxy in front of S3Proxy holds its answers). Without timeouts of its
 * own the command waited out the HTTP client's 30 s read timeout on each of the SDK's four attempts; with
 * {@code --aws-timeout} it says so in one line once that has passed. (The class's time limit is what the old
 * behaviour would break.)
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class OperatorCommandsOverASilentAwsTest {
    private static final Duration SILENT_FOR = Duration.ofSeconds(120);
    /** More than the SDK's attempts within the call timeout. */
    private static final int EVERY_ATTEMPT = 50;

    @Test
    void aFailureBucketThatAnswersNothingIsOneLineNamingTheTimeoutAndExit1() throws Exception {
        String bucket = "ripple-silent-failures-" + UUID.randomUUID().toString().substring(0, 8);
        try (S3Proxy s3proxy = S3Proxy.start(); FaultyProxy proxy = FaultyProxy.to(s3proxy.endpoint())) {
            proxy.holdAnswersTo(bucket, EVERY_ATTEMPT, SILENT_FOR);
            Map<String, String> aws = Map.of("AWS_ENDPOINT_URL_S3", proxy.endpoint().toString(),
                    "AWS_REGION", FakeAws.REGION.id(),
                    "AWS_ACCESS_KEY_ID", FakeAws.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", FakeAws.SECRET_KEY);

            CliInItsOwnJvm.Result listed = CliInItsOwnJvm.run(aws, "failures", "--stage", "dev", "--bucket", bucket,
                    "--aws-timeout", "3");

            assertThat(listed.exitCode()).as(listed.err()).isEqualTo(1);
            assertThat(listed.err().strip().lines()).singleElement().asString()
                    .startsWith("ripple: AWS did not answer in time (").endsWith("--aws-timeout SECONDS waits longer");
            assertThat(proxy.answersHeld()).as("the SDK tried more than once").isGreaterThan(1);
        }
    }

    @Test
    void anAwsTimeoutBelowOneSecondIsOneLineAndExit2() {
        var out = new StringWriter();
        var err = new StringWriter();

        int exit = RippleCli.run(List.of("failures", "--stage", "dev", "--aws-timeout", "0"), new PrintWriter(out),
                new PrintWriter(err));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().strip().lines()).singleElement()
                .isEqualTo("ripple: --aws-timeout takes a number of seconds, at least 1 (not 0)");
    }
}
