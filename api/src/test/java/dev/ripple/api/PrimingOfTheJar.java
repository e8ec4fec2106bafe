package dev.ripple.api;

import dev.ripple.api.lambda.ApiSnapStartPriming;
import io.micronaut.context.ApplicationContextProvider;

import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs inside the JVM the Lambda jar probe started: primes the function as SnapStart would before its snapshot — every
 * route through the function, each DynamoDB call stopped before it is sent — and answers one line per route
 * ({@code route|status}), then the own path's answer to a made-up vote ({@code own path|status}), then
 * {@code stopped|N}.
 */
public final class PrimingOfTheJar implements Function<Object, String> {

    @Override
    public String apply(Object handler) {
        var primed = ((ApplicationContextProvider) handler).getApplicationContext()
                .getBean(ApiSnapStartPriming.class).prime();
        return primed.answers().entrySet().stream().map(answer -> answer.getKey() + "|" + answer.getValue())
                .collect(Collectors.joining("\n")) + "\nown path|" + primed.ownPathVoteAnswer()
                + "\nstopped|" + primed.callsStoppedBeforeSending();
    }
}
