package dev.ripple.domain.customer;

import java.time.Instant;

/** A customer who signed up; one per email address (any letter case). */
public record Customer(String customerId, String email, String name, Instant createdAt) {
}
