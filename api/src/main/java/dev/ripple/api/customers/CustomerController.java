package dev.ripple.api.customers;

import dev.ripple.api.RippleApi;
import dev.ripple.api.auth.NeedsToken;
import dev.ripple.api.auth.Scopes;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import dev.ripple.api.problem.Problem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import dev.ripple.api.problem.ConflictException;
import dev.ripple.api.problem.InvalidFieldException;
import dev.ripple.domain.customer.ContactRules;
import dev.ripple.api.problem.NotFoundException;
import dev.ripple.domain.customer.Customer;
import dev.ripple.domain.customer.CustomerRepository;
import dev.ripple.domain.customer.EmailTakenException;
import dev.ripple.api.idempotency.Idempotent;
import dev.ripple.api.idempotency.NewIds;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import dev.ripple.api.RequestThreads;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;

import java.net.URI;

/** Sign-ups: one customer per email address; the stream then sends the welcome email. */
@Controller("/customers")
@ExecuteOn(RequestThreads.EXECUTOR)
public class CustomerController {
    private final CustomerRepository customers;
    private final NewIds ids;

    CustomerController(CustomerRepository customers, NewIds ids) {
        this.customers = customers;
        this.ids = ids;
    }

    @Get("/{customerId}")
    @Operation(operationId = "getCustomer", summary = "Read a customer; for staff and marketing tools (ripple/customers.read)")
    @NeedsToken
    @SecurityRequirement(name = RippleApi.BEARER, scopes = Scopes.CUSTOMERS_READ)
    @ApiResponse(responseCode = "200", description = "The customer", content = @Content(mediaType = "application/json", schema = @Schema(implementation = CustomerView.class)))
    @ApiResponse(responseCode = "400", description = "A field, parameter or header is invalid; errors[] names it", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "404", description = "No such customer", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    CustomerView get(@PathVariable @Pattern(regexp = "[0-9a-fA-F-]{1,64}", message = "is not a customer id")
                     String customerId) {
        return customers.find(customerId).map(CustomerView::of)
                .orElseThrow(() -> new NotFoundException("There is no customer " + customerId + "."));
    }

    @Post
    @Idempotent
    @Operation(operationId = "signUp", summary = "Sign a customer up; the stream sends the welcome email. Public")
    @ApiResponse(responseCode = "201", description = "The customer; Location is its address", content = @Content(mediaType = "application/json", schema = @Schema(implementation = CustomerView.class)))
    HttpResponse<CustomerView> signUp(@Valid @Body SignUpRequest request) {
        // One person, one customer, one email: the address as SES will get it, fullwidth forms and all.
        String email = switch (ContactRules.normalizedEmail(request.email())) {
            case ContactRules.Normalized.Address address -> address.value();
            case ContactRules.Normalized.Refused refused -> throw new InvalidFieldException("email", refused.reason());
        };
        Customer customer;
        try {
            customer = customers.create(ids.next("customer"), email, request.name().strip());
        } catch (EmailTakenException e) {
            throw new ConflictException("A customer with this email address exists already.");
        }
        return HttpResponse.created(CustomerView.of(customer), URI.create("/customers/" + customer.customerId()));
    }
}
