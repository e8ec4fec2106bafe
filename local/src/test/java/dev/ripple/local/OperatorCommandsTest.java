package dev.ripple.local;

import dev.ripple.local.cli.RippleCli;
import dev.ripple.test.FakeAws;
import dev.ripple.test.stack.RippleStack;
import dev.ripple.test.standin.S3Proxy;
import dev.ripple.test.standin.SlackStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static dev.ripple.local.StackFixtures.castVote;
import static dev.ripple.local.StackFixtures.slackTextOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operator's scenario: Slack refuses five votes for good; {@code ripple failures} lists them; the webhook is
 * fixed; {@code ripple redrive} delivers each once; redriving again sends nothing. Against the local stack, and along
 * the stage's path — the failure bucket (S3Proxy) and Lambda's Invoke API reached through the AWS SDK's endpoint
 * settings, in a JVM of its own as an operator runs it.
 */
class OperatorCommandsTest {
    private RippleStack stack;
    private SlackStandIn slack;
    private List<String> contentIds;

    private record Run(int exitCode, String out, String err) {
    }

    @BeforeEach
    void fiveVotesRefusedForGood() {
        stack = RippleStack.builder().withSlack().start();
        slack = stack.slack();
        IntStream.range(0, 5).forEach(i -> slack.answerNext(SlackStandIn.Answer.of(404, "channel_not_found")));
        String run = UUID.randomUUID().toString().substring(0, 6);
        contentIds = IntStream.range(0, 5).mapToObj(i -> "op-" + run + "-" + i).toList();
        contentIds.forEach(id -> castVote(stack, id));
        await().atMost(Duration.ofSeconds(30)).until(() -> stack.failureFiles().size() == 5);
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    private Run ripple(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int exit = RippleCli.run(List.of(args), new PrintWriter(out), new PrintWriter(err));
        return new Run(exit, out.toString(), err.toString());
    }

    private long posted(String contentId) {
        return slack.receivedTexts().stream().filter(slackTextOf(contentId)::equals).count();
    }

    @Test
    void failuresListsEachDocumentWithItsSinkTypeAndReasonThenASummary() {
        Run listed = ripple("failures", "--local", stack.url().toString());

        assertThat(listed.exitCode()).as(listed.err()).isZero();
        List<String> lines = listed.out().lines().toList();
        assertThat(lines.subList(0, 5)).allSatisfy(line -> assertThat(line)
                .contains("PermanentFailure", "slack", "vote", "VOTE#", "channel_not_found", "1 record(s)"));
        assertThat(lines.get(5)).startsWith("5 document(s), 5 record(s)");
        assertThat(lines.get(6)).contains("5", "channel_not_found");
        assertThat(ripple("failures", "--local", stack.url().toString(), "--json").out().lines())
                .hasSize(5).allSatisfy(line -> assertThat(line).startsWith("{").contains("\"sink\":\"slack\""));
        assertThat(ripple("failures", "--local", stack.url().toString(), "--reason", "nothing like it").out())
                .startsWith("0 document(s)");
    }

    @Test
    void redriveDeliversEachOnceMovesTheFilesAsideAndASecondRedriveSendsNothing() throws IOException {
        List<Path> files = stack.failureFiles();

        Run redriven = ripple("redrive", "--reason", "channel_not_found", "--local", stack.url().toString());

        assertThat(redriven.exitCode()).as(redriven.out() + redriven.err()).isZero();
        assertThat(contentIds).allSatisfy(id -> assertThat(posted(id)).as(id).isEqualTo(1));
        assertThat(stack.failureFiles()).isEmpty();
        List<String> again = new ArrayList<>(List.of("redrive", "--local", stack.url().toString()));
        files.forEach(file -> again.add(stack.failureDirectory().resolve("redriven").resolve(file.getFileName()).toString()));

        Run second = ripple(again.toArray(String[]::new));

        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(contentIds).allSatisfy(id -> assertThat(posted(id)).as("receipts: " + id).isEqualTo(1));
    }

    @Test
    void statusShowsTheMappingAsLambdaDescribesItTheFailuresWaitingAndEachShard() {
        Run status = ripple("status", "--local", stack.url().toString());

        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out()).contains("mapping    arn:aws:dynamodb:eu-west-1:", "function:ripple-local-consumer",
                "state      Enabled (User action); last processing result: OK",
                "batch 100, window 0 s, TRIM_HORIZON, bisect on, retries 20, record age 21600 s, parallelization 1,"
                        + " ReportBatchItemFailures, on failure -> file://",
                "failures   5 document(s) waiting", "shard      shardId-", "iterator age ",
                "  batch    ", "record(s)", "acknowledged");
    }

    @Test
    void aFileThatIsNotAFailureDocumentIsOneLineAndExit2(@org.junit.jupiter.api.io.TempDir Path work)
            throws IOException {
        Path notOne = Files.writeString(work.resolve("x.json"), "{\"hello\":1}");

        Run run = ripple("redrive", notOne.toString(), "--local", stack.url().toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip().lines()).singleElement().asString().contains("is not a failure document");
        assertThat(stack.failureFiles()).hasSize(5);
    }

    @Test
    void onAStageFailuresAndRedriveUseTheFailureBucketAndLambdasInvokeApi() throws Exception {
        try (S3Proxy s3proxy = S3Proxy.start();
             S3Client s3 = S3Client.builder().endpointOverride(s3proxy.endpoint()).region(FakeAws.REGION)
                     .credentialsProvider(FakeAws.credentials()).forcePathStyle(true).build()) {
            String bucket = "ripple-local-failures-" + UUID.randomUUID().toString().substring(0, 8);
            s3.createBucket(b -> b.bucket(bucket));
            for (Path file : stack.failureFiles()) {
                s3.putObject(b -> b.bucket(bucket).key("ripple/permanent-failures/" + file.getFileName()),
                        RequestBody.fromFile(file));
            }
            Map<String, String> aws = Map.of("AWS_ENDPOINT_URL_S3", s3proxy.endpoint().toString(),
                    "AWS_ENDPOINT_URL_LAMBDA", stack.url().toString(), "AWS_REGION", FakeAws.REGION.id(),
                    "AWS_ACCESS_KEY_ID", FakeAws.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", FakeAws.SECRET_KEY);

            Run listed = inItsOwnJvm(aws, "failures", "--stage", "local", "--bucket", bucket);

            assertThat(listed.exitCode()).as(listed.err()).isZero();
            assertThat(listed.out()).contains("5 document(s), 5 record(s) in s3://" + bucket);

            Run status = inItsOwnJvm(aws, "status", "--stage", "local", "--bucket", bucket);

            assertThat(status.exitCode()).as(status.err()).isZero();
            assertThat(status.out()).contains("state      Enabled", "failures   5 document(s) waiting in s3://" + bucket,
                    "CloudWatch AWS/Lambda IteratorAge");

            Run redriven = inItsOwnJvm(aws, "redrive", "--all", "--stage", "local", "--bucket", bucket);

            assertThat(redriven.exitCode()).as(redriven.out() + redriven.err()).isZero();
            assertThat(contentIds).allSatisfy(id -> assertThat(posted(id)).as(id).isEqualTo(1));
            List<String> keys = s3.listObjectsV2(b -> b.bucket(bucket)).contents().stream().map(S3Object::key).toList();
            assertThat(keys).hasSize(5).allSatisfy(key -> assertThat(key).startsWith("redriven/ripple/permanent-failures/"));
        }
    }

    @Test
    void onAStageWithoutCredentialsEachCommandSaysSoInOneLineAndExits2() throws Exception {
        Map<String, String> noCredentials = Map.of("AWS_REGION", "eu-west-1", "AWS_EC2_METADATA_DISABLED", "true",
                "AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/credentials", "AWS_CONFIG_FILE", "/nonexistent/config");

        Run status = inItsOwnJvm(noCredentials, "status", "--stage", "dev", "--bucket", "ripple-dev-failures");

        assertThat(status.exitCode()).isEqualTo(2);
        assertThat(status.err().strip().lines()).singleElement().asString().startsWith("ripple: ").contains("credentials");
    }

    private static Run inItsOwnJvm(Map<String, String> environment, String... args) throws Exception {
        CliInItsOwnJvm.Result result = CliInItsOwnJvm.run(environment, args);
        return new Run(result.exitCode(), result.out(), result.err());
    }
}
