package dev.ripple.local;

import dev.ripple.local.cli.RippleCli;
import dev.ripple.test.Loopback;
import dev.ripple.test.stack.RippleStack;
import dev.ripple.test.standin.SesEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static dev.ripple.local.StackFixtures.signUp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code ripple backfill} against the running local stack: customers who signed up while welcome emails were not
 * routed get exactly one each, however often the backfill runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackfillCommandTest {
    private RippleStack stack;
    private SesEmulator ses;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private List<String> customers;

    @BeforeAll
    void startWithoutWelcomeEmails() {
        stack = RippleStack.builder().withSes().properties(Map.of(
                "ripple.routes.customer.events", List.of("INSERT"),
                "ripple.routes.customer.sinks", List.of("audit"))).start();
        ses = stack.ses();
        customers = IntStream.range(0, 50).mapToObj(i -> "bf-" + run + "-" + i + "@example.com").toList();
        customers.forEach(email -> signUp(stack, email, "Customer"));
    }

    @AfterAll
    void stop() {
        stack.close();
    }

    private record Run(int exitCode, String out, String err) {
    }

    private Run ripple(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int exit = RippleCli.run(List.of(args), new PrintWriter(out), new PrintWriter(err));
        return new Run(exit, out.toString(), err.toString());
    }

    private long welcomed() {
        return customers.stream().filter(email -> !ses.emailsTo(email).isEmpty()).count();
    }

    private long emailsSent() {
        return customers.stream().mapToLong(email -> ses.emailsTo(email).size()).sum();
    }

    @Test
    void backfillingCustomersIntoWelcomeEmailsSendsOneEachAndASecondRunSendsNone(@TempDir Path work) {
        assertThat(welcomed()).as("not routed: no email yet").isZero();
        Path checkpoint = work.resolve("checkpoint.json");

        Run first = ripple("backfill", "--type", "customer", "--sinks", "welcome-email", "--local",
                stack.url().toString(), "--checkpoint", checkpoint.toString(), "--batch-size", "7");

        assertThat(first.exitCode()).as(first.err()).isZero();
        await().atMost(Duration.ofSeconds(20)).until(() -> welcomed() == 50);
        assertThat(emailsSent()).isEqualTo(50);
        assertThat(checkpoint).as("removed once complete").doesNotExist();

        Run second = ripple("backfill", "--type", "customer", "--sinks", "welcome-email", "--local",
                stack.url().toString(), "--checkpoint", checkpoint.toString());

        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(emailsSent()).as("receipts: nobody gets a second one").isEqualTo(50);
    }

    @Test
    void aSinkThatIsNotEnabledIsRefusedInOneLineAndNothingIsSent(@TempDir Path work) {
        long before = emailsSent();

        Run run = ripple("backfill", "--type", "customer", "--sinks", "welcome-emial", "--local",
                stack.url().toString(), "--checkpoint", work.resolve("c.json").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip().lines()).singleElement().asString().contains("welcome-emial", "not enabled");
        assertThat(emailsSent()).isEqualTo(before);
    }

    @Test
    void noStackAtTheUrlIsOneLineAndExit2() {
        Run run = ripple("backfill", "--type", "customer", "--sinks", "welcome-email", "--local",
                "http://127.0.0.1:" + Loopback.freePort());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip().lines()).singleElement().asString().contains("no local stack answers");
    }

    @Test
    void aTypeTheTableDoesNotHoldIsOneLineAndExit2() {
        Run run = ripple("backfill", "--type", "custmer", "--sinks", "welcome-email", "--local",
                stack.url().toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip().lines()).singleElement().asString().contains("no item type custmer", "customer");
    }

    @Test
    void aMissingTypeIsAUsageError() {
        Run run = ripple("backfill", "--sinks", "welcome-email");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--type");
    }

    @Test
    void aCheckpointOfAnotherBackfillIsRefused(@TempDir Path work) throws Exception {
        Path checkpoint = Files.writeString(work.resolve("other.json"),
                "{\"type\":\"play\",\"sinks\":[\"badges\"],\"segments\":4,\"runId\":\"x\",\"positions\":[]}");

        Run run = ripple("backfill", "--type", "customer", "--sinks", "welcome-email", "--local",
                stack.url().toString(), "--checkpoint", checkpoint.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("another backfill");
    }
}
