package dev.ripple.bench.perf;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The beans on its class path served on Netty, alone in a JVM of its own, for {@link ApiCpuPerVote}: the API's or
 * Micronaut's floor's, each from its module's class path (then the JSON-lines logging of their Lambda jars, which the
 * benchmark turns down to warnings), or the API from a bench jar ({@link ApiCpuChangeCost}: logback, turned down to
 * warnings here, the local stack off); table, DynamoDB endpoint and issuer come from the environment as they do on
 * AWS. Prints {@code LISTENING <port> ALLOCATION} and serves until its standard input closes; for every line it
 * reads there it prints {@code ALLOCATED <bytes>}, what its threads have allocated on the heap so far, which the
 * benchmark reads around its measured window ({@code ALLOCATION} tells it this server answers: earlier builds'
 * servers, measured by {@link ApiCpuChangeCost}, do not).
 */
public final class ApiServerProcess {
    private ApiServerProcess() {
    }

    public static void main(String[] args) throws Exception {
        try (ApplicationContext context = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.host", "127.0.0.1",
                "micronaut.server.port", -1,
                "ripple.local.enabled", "false",
                "ripple.local.console.enabled", "false",
                "logger.levels.dev.ripple", "WARN",
                "logger.levels.ripple", "WARN")).getApplicationContext()) {
            System.out.println("LISTENING " + context.getBean(EmbeddedServer.class).getPort() + " ALLOCATION");
            System.out.flush();
            var asked = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            while (asked.readLine() != null) {
                System.out.println(ThreadCpu.ALLOCATED + ThreadCpu.allocatedBytes());
                System.out.flush();
            }
        }
    }
}
