package dev.ripple.api;

import io.micronaut.scheduling.TaskExecutors;

/**
 * Where the API's controllers run: every route makes a blocking DynamoDB call, so none may run on Netty's event loop.
 *
 * <p>Micronaut's {@code blocking} executor would start a new virtual thread per request. The AWS SDK keeps per-thread
 * caches on its hot path — the SigV4 signer's {@code Mac} and its JSON parser's buffers — that a thread used once never
 * reuses, so every request paid for a fresh {@code Mac.getInstance} and new buffers: 8–25 % more CPU on the
 * request threads per {@code POST /votes} in three runs of {@code ApiCpuPerVote} (part of it may be the virtual
 * threads' carriers, which spin before parking). The {@code io} executor is a cached pool of platform threads that
 * keep those caches between requests; on Lambda, where one request runs at a time, the same thread serves invocation
 * after invocation. On Netty, waking an OS thread per hand-over answers a little later; {@code Throughput} showed no
 * difference in votes a second beyond its own spread.
 */
public final class RequestThreads {
    /** The executor every controller names in {@code @ExecuteOn}. */
    public static final String EXECUTOR = TaskExecutors.IO;

    private RequestThreads() {
    }
}
