package dev.ripple.api.auth;

import io.micronaut.core.annotation.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import java.util.Optional;

/**
 * What a publisher answers while it is being subscribed to, if it answers then: its first item, or that it completed
 * with none. Security's fetchers and rules answer with publishers, most of which (Micronaut's and Reactor's "just" and
 * "empty") have their answer ready; reading it this way costs a subscriber, where a reactive pipeline costs dozens of
 * operator objects. Written here because neither Reactor nor Micronaut offers it for an arbitrary publisher.
 */
final class Immediate {
    private Immediate() {
    }

    /** An answer given at once: the first item, or null when the publisher completed without one. */
    record Answer<T>(@Nullable T value) {
    }

    /**
     * The publisher's answer if it gave one during subscription; empty if it had not answered by then (the
     * subscription is cancelled) or failed.
     */
    static <T> Optional<Answer<T>> answer(Publisher<T> publisher) {
        var first = new FirstSignal<T>();
        publisher.subscribe(first);
        return first.answerOrCancel();
    }

    /**
     * Read by the subscribing thread once {@code subscribe} returns. A publisher that answers on another thread may
     * write after that read (the answer is then ignored and the subscription cancelled), hence the volatile fields.
     */
    private static final class FirstSignal<T> implements Subscriber<T> {
        private volatile Subscription subscription;
        private volatile Answer<T> answer;
        private volatile boolean failed;

        @Override
        public void onSubscribe(Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(T item) {
            if (answer == null && !failed) {
                answer = new Answer<>(item);
                subscription.cancel();
            }
        }

        @Override
        public void onError(Throwable error) {
            failed = answer == null;
        }

        @Override
        public void onComplete() {
            if (answer == null && !failed) {
                answer = new Answer<>(null);
            }
        }

        Optional<Answer<T>> answerOrCancel() {
            if (answer == null || failed) {
                if (subscription != null) {
                    subscription.cancel();
                }
                return Optional.empty();
            }
            return Optional.of(answer);
        }
    }
}
