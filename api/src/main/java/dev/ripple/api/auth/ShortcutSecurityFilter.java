package dev.ripple.api.auth;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.util.StringUtils;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.config.SecurityConfiguration;
import io.micronaut.security.filters.AuthenticationFetcher;
import io.micronaut.security.filters.SecurityFilter;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import org.reactivestreams.Publisher;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Micronaut's security filter, deciding at once what it can. Micronaut's filter asks every authentication fetcher,
 * then every rule in order, through a reactive pipeline built for each request — a sixth of the API's CPU per vote
 * ({@code docs/performance.md}), though on the API's routes every fetcher and rule has its answer ready (no token, or a
 * token checked against keys already fetched; {@link RouteAccessRule} reads a table). This filter asks the same fetchers and rules, in the same
 * order, and lets a request through directly when every answer up to the deciding rule was there at once and the
 * decision is "allowed". Every other outcome — a refusal, no rule deciding, an answer that is still to come — is
 * handed to Micronaut's own code for the rest ({@link #checkRules}, or the whole filter when a fetcher is not done),
 * so what a refused or undecided request meets is unchanged.
 */
@Replaces(SecurityFilter.class)
@Filter("${micronaut.security.filter.pattern:/**}")
@Requires(property = "micronaut.security.filter.enabled", notEquals = StringUtils.FALSE)
public class ShortcutSecurityFilter extends SecurityFilter {
    private final List<SecurityRule<HttpRequest<?>>> rules;
    private final List<AuthenticationFetcher<HttpRequest<?>>> fetchers;

    ShortcutSecurityFilter(Collection<SecurityRule<HttpRequest<?>>> securityRules,
                           Collection<AuthenticationFetcher<HttpRequest<?>>> authenticationFetchers,
                           SecurityConfiguration securityConfiguration) {
        super(securityRules, authenticationFetchers, securityConfiguration);
        // In the order Micronaut's filter asks them (the collections are injected sorted).
        this.rules = List.copyOf(securityRules);
        this.fetchers = List.copyOf(authenticationFetchers);
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        Optional<Optional<Authentication>> fetched = authenticationAtOnce(request);
        if (fetched.isEmpty()) {
            return super.doFilter(request, chain);
        }
        // What Micronaut's filter records before it checks the rules.
        request.getAttributes().put(KEY, true);
        Authentication authentication = fetched.get().orElse(null);
        request.setAttribute(AUTHENTICATION, authentication);
        if (allowedAtOnce(request, authentication)) {
            return chain.proceed(request);
        }
        return checkRules(request, chain, authentication);
    }

    /**
     * The first authentication a fetcher finds, fetchers asked in order, as Micronaut's filter takes it — if every
     * fetcher asked answered at once; empty if one did not (its answer is abandoned and the request takes Micronaut's
     * path, which asks again).
     */
    private Optional<Optional<Authentication>> authenticationAtOnce(HttpRequest<?> request) {
        for (AuthenticationFetcher<HttpRequest<?>> fetcher : fetchers) {
            Optional<Immediate.Answer<Authentication>> answer = Immediate.answer(fetcher.fetchAuthentication(request));
            if (answer.isEmpty()) {
                return Optional.empty();
            }
            if (answer.get().value() != null) {
                return Optional.of(Optional.of(answer.get().value()));
            }
        }
        return Optional.of(Optional.empty());
    }

    /** Whether the first rule that decides, rules asked in order, allows — every rule asked having answered at once. */
    private boolean allowedAtOnce(HttpRequest<?> request, @Nullable Authentication authentication) {
        for (SecurityRule<HttpRequest<?>> rule : rules) {
            Optional<Immediate.Answer<SecurityRuleResult>> answer = Immediate.answer(rule.check(request,
                    authentication));
            if (answer.isEmpty() || answer.get().value() == null) {
                return false;
            }
            if (answer.get().value() != SecurityRuleResult.UNKNOWN) {
                return answer.get().value() == SecurityRuleResult.ALLOWED;
            }
        }
        return false;
    }
}
