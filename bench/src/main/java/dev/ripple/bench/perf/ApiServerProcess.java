package dev.ripple.bench.perf;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.util.Map;

/**
 * The API on Netty alone in a JVM of its own, for {@link ApiCpuPerVote}: no local stack (no emulator, no consumer, no
 * console), Ripple's logging down to warnings; table, DynamoDB endpoint and issuer come from the environment as they
 * do on AWS. Prints {@code LISTENING <port>} and serves until its standard input closes.
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
            System.out.println("LISTENING " + context.getBean(EmbeddedServer.class).getPort());
            System.out.flush();
            while (System.in.read() >= 0) {
                // Serves until the benchmark closes this process's standard input.
            }
        }
    }
}
