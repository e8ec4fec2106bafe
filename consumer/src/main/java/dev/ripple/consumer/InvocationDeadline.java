package dev.ripple.consumer;

import dev.ripple.sink.DeliveryDeadline;
import jakarta.inject.Singleton;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The deadline of the batch each thread is delivering ({@link DeliveryDeadline}), as {@link BatchProcessor} sets it
 * around its calls to the sinks.
 *
 * <p>Threads: a batch is delivered on its invocation's thread, and the sinks are called on it; each thread sees only
 * the deadline it set ({@link ThreadLocal}), so the local stack's invocations of several shards at once keep theirs
 * apart.
 */
@Singleton
class InvocationDeadline implements DeliveryDeadline {
    private final ThreadLocal<Deadline> deliverBy = new ThreadLocal<>();

    @Override
    public Optional<Deadline> onThisThread() {
        return Optional.ofNullable(deliverBy.get());
    }

    /** Runs {@code delivery} with {@code deadline} as this thread's (none when empty), then takes it away. */
    <T> T during(Optional<Deadline> deadline, Supplier<T> delivery) {
        deadline.ifPresent(deliverBy::set);
        try {
            return delivery.get();
        } finally {
            deliverBy.remove();
        }
    }
}
