package dev.ripple.api.customers;

import dev.ripple.domain.customer.Customer;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** A customer as the API shows it. */
@Serdeable
public record CustomerView(String customerId, String email, String name, Instant createdAt) {
    static CustomerView of(Customer customer) {
        return new CustomerView(customer.customerId(), customer.email(), customer.name(), customer.createdAt());
    }
}
