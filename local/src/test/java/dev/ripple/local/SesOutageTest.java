package dev.ripple.local;

import dev.ripple.test.stack.RippleStack;
import dev.ripple.test.standin.SesEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static dev.ripple.local.StackFixtures.failureDocuments;
import static dev.ripple.local.StackFixtures.signUp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The SES emulator goes away for 30 seconds under the running local stack and comes back on the same port. The
 * sign-ups made meanwhile are in the table; their welcome emails wait in the stream (the emulated mapping retries
 * the batch) and arrive once the emulator answers again.
 */
class SesOutageTest {
    private static final Duration OUTAGE = Duration.ofSeconds(30);

    private SesEmulator ses;
    private RippleStack stack;

    @AfterEach
    void stopEverything() {
        if (stack != null) {
            stack.close();
        }
        if (ses != null) {
            ses.stop();
        }
    }

    private static String address() {
        return "outage-" + UUID.randomUUID() + "@example.com";
    }

    @Test
    void welcomeEmailsOfSignUpsDuringA30SecondSesOutageArriveOnceEachWhenItIsBack() throws InterruptedException {
        ses = SesEmulator.start();
        int port = ses.endpoint().getPort();
        stack = RippleStack.builder().withSes(ses)
                // twenty retries must outlast the outage: 50 ms doubling up to 5 s gives them 70 s
                .property("ripple.local.max-retry-delay", "5s")
                .start();
        String before = address();
        signUp(stack, before, "Before");
        await().atMost(Duration.ofSeconds(20)).until(() -> ses.emailsTo(before).size() == 1);

        ses.stop();
        Instant down = Instant.now();
        List<String> during = IntStream.range(0, 3).mapToObj(i -> address()).toList();
        during.forEach(address -> signUp(stack, address, "Customer"));
        Thread.sleep(Duration.between(Instant.now(), down.plus(OUTAGE)));
        assertThat(failureDocuments(stack)).as("nothing given up while SES was down").isEmpty();
        ses = SesEmulator.start(port);

        await().atMost(Duration.ofSeconds(30)).until(() -> during.stream().allMatch(a -> ses.emailsTo(a).size() == 1));
        String after = address();
        signUp(stack, after, "After");
        await().atMost(Duration.ofSeconds(20)).until(() -> ses.emailsTo(after).size() == 1);
        assertThat(during).allSatisfy(address -> assertThat(ses.emailsTo(address)).hasSize(1));
        assertThat(ses.emailsTo(before)).as("not sent again after the outage").isEmpty();
        assertThat(failureDocuments(stack)).isEmpty();
    }
}
