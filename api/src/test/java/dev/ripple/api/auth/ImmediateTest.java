package dev.ripple.api.auth;

import io.micronaut.core.async.publisher.Publishers;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class ImmediateTest {
    @Test
    void aPublisherWithItsItemReadyAnswersThatItem() {
        assertThat(Immediate.answer(Publishers.just("ada"))).contains(new Immediate.Answer<>("ada"));
        assertThat(Immediate.answer(Mono.just("ada"))).contains(new Immediate.Answer<>("ada"));
    }

    @Test
    void aPublisherThatCompletesWithoutAnItemAnswersNothingAtOnce() {
        assertThat(Immediate.answer(Publishers.empty())).contains(new Immediate.Answer<>(null));
        assertThat(Immediate.answer(Flux.empty())).contains(new Immediate.Answer<>(null));
    }

    @Test
    void onlyTheFirstItemCountsAndTheRestAreNeverAsked() {
        var produced = new StringBuilder();
        Flux<String> two = Flux.just("first", "second").doOnNext(produced::append);

        assertThat(Immediate.answer(two)).contains(new Immediate.Answer<>("first"));
        assertThat(produced).hasToString("first");
    }

    @Test
    void aPublisherStillToAnswerHasNoAnswerAndIsCancelled() {
        var cancelled = new AtomicBoolean();
        Sinks.One<String> later = Sinks.one();

        assertThat(Immediate.answer(later.asMono().doOnCancel(() -> cancelled.set(true)))).isEmpty();
        assertThat(cancelled).isTrue();
    }

    @Test
    void aPublisherThatFailsHasNoAnswer() {
        assertThat(Immediate.answer(Mono.error(new IllegalStateException("no keys")))).isEmpty();
    }
}
