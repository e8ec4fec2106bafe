package dev.ripple.local;

import dev.ripple.local.cli.RippleCli;
import dev.ripple.test.stack.RippleStack;
import dev.ripple.test.standin.SesEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
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
 * A backfill stopped in the middle, as an operator's Ctrl-C stops it (a signal to its JVM), and run again: every
 * customer gets one welcome email, none two.
 */
class BackfillResumeTest {
    private RippleStack stack;

    @AfterEach
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aBackfillStoppedByASignalResumesWhereItStoppedAndSendsNothingTwice(@TempDir Path work) throws Exception {
        stack = RippleStack.builder().withSes().properties(Map.of(
                "ripple.routes.customer.events", List.of("INSERT"),
                "ripple.routes.customer.sinks", List.of("audit"))).start();
        SesEmulator ses = stack.ses();
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> customers = IntStream.range(0, 50).mapToObj(i -> "rs-" + run + "-" + i + "@example.com").toList();
        customers.forEach(email -> signUp(stack, email, "Customer"));
        Path checkpoint = work.resolve("checkpoint.json");
        List<String> args = List.of("backfill", "--type", "customer", "--sinks", "welcome-email",
                "--local", stack.url().toString(), "--checkpoint", checkpoint.toString(),
                "--segments", "1", "--batch-size", "5", "--rate", "10");

        CliInItsOwnJvm first = CliInItsOwnJvm.start(Map.of(), args);
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(checkpoint));
        first.stop();

        assertThat(first.awaitResult().err()).contains("stopped after", "the same command resumes");
        long welcomedBefore = customers.stream().filter(email -> !ses.emailsTo(email).isEmpty()).count();
        assertThat(welcomedBefore).as("stopped in the middle").isBetween(1L, 49L);
        assertThat(checkpoint).exists();

        var out = new StringWriter();
        var err = new StringWriter();
        int exit = RippleCli.run(args, new PrintWriter(out), new PrintWriter(err));

        assertThat(exit).as(err.toString()).isZero();
        await().atMost(Duration.ofSeconds(20)).until(() -> customers.stream()
                .allMatch(email -> !ses.emailsTo(email).isEmpty()));
        assertThat(customers).allSatisfy(email -> assertThat(ses.emailsTo(email)).as(email).hasSize(1));
        assertThat(checkpoint).doesNotExist();
    }
}
