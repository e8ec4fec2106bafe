package dev.ripple.bench.perf;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ApiCpuPerVote} serves the API and Micronaut's floor on Netty from their modules' own class paths, so that the
 * API's figure carries nothing of the local stack and the floor's nothing of the API.
 */
class ServerClassPathTest {
    private static final Path REPOSITORY = Path.of("..");

    @Test
    void theApiIsServedOnNettyWithItsLambdaJarsLoggingAndNothingOfTheLocalStack() throws IOException {
        List<String> jars = jarsOf(REPOSITORY.resolve(ApiCpuPerVote.API_MODULE));
        assertThat(jars).anyMatch(jar -> jar.startsWith("micronaut-http-server-netty-"))
                .anyMatch(jar -> jar.startsWith("micronaut-security-jwt-"))
                .anyMatch(jar -> jar.startsWith("ripple-lambda-logging-"))
                .noneMatch(jar -> jar.startsWith("ripple-local-"))
                .noneMatch(jar -> jar.startsWith("micronaut-management-"))
                .noneMatch(jar -> jar.startsWith("logback-"));
    }

    @Test
    void theFloorIsServedOnNettyWithoutTheApisSecurityValidationOrDomain() throws IOException {
        List<String> jars = jarsOf(REPOSITORY.resolve(ApiCpuPerVote.FLOOR_MODULE));
        assertThat(jars).anyMatch(jar -> jar.startsWith("micronaut-http-server-netty-"))
                .anyMatch(jar -> jar.startsWith("ripple-lambda-logging-"))
                .noneMatch(jar -> jar.startsWith("micronaut-security"))
                .noneMatch(jar -> jar.startsWith("micronaut-validation-"))
                .noneMatch(jar -> jar.startsWith("ripple-domain-"));
    }

    @Test
    void theModulesOwnClassesComeFirstAndTheProbesJarThatHoldsTheServerProcessLast() throws IOException {
        List<Path> classPath = ApiCpuPerVote.serverClassPath(REPOSITORY.resolve(ApiCpuPerVote.FLOOR_MODULE));
        assertThat(classPath.getFirst()).isEqualTo(REPOSITORY.resolve("bench-floor/target/classes"));
        assertThat(classPath.getLast()).isEqualTo(ColdStartCost.PROBES_JAR);
    }

    private static List<String> jarsOf(Path module) throws IOException {
        return ApiCpuPerVote.serverClassPath(module).stream().map(path -> path.getFileName().toString()).toList();
    }
}
