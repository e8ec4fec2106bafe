package dev.ripple.api.customers;

import dev.ripple.api.problem.ConflictException;
import dev.ripple.api.problem.NotFoundException;
import dev.ripple.domain.customer.Customer;
import dev.ripple.domain.customer.CustomerRepository;
import dev.ripple.domain.customer.EmailTakenException;
import dev.ripple.api.idempotency.Idempotent;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;

import java.net.URI;

/** Sign-ups: one customer per email address; the stream then sends the welcome email. */
@Controller("/customers")
@ExecuteOn(TaskExecutors.BLOCKING)
public class CustomerController {
    private final CustomerRepository customers;

    CustomerController(CustomerRepository customers) {
        this.customers = customers;
    }

    @Get("/{customerId}")
    CustomerView get(@PathVariable @Pattern(regexp = "[0-9a-fA-F-]{1,64}", message = "is not a customer id")
                     String customerId) {
        return customers.find(customerId).map(CustomerView::of)
                .orElseThrow(() -> new NotFoundException("There is no customer " + customerId + "."));
    }

    @Post
    @Idempotent
    HttpResponse<CustomerView> signUp(@Valid @Body SignUpRequest request) {
        Customer customer;
        try {
            customer = customers.create(request.email().strip(), request.name().strip());
        } catch (EmailTakenException e) {
            throw new ConflictException("A customer with this email address exists already.");
        }
        return HttpResponse.created(CustomerView.of(customer), URI.create("/customers/" + customer.customerId()));
    }
}
