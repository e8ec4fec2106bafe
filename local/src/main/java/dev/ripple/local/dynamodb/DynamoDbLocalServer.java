package dev.ripple.local.dynamodb;

import dev.ripple.dynamodblocal.DynamoDbLocalProcess;
import dev.ripple.local.LocalStackConfig;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** DynamoDB Local in a JVM of its own, started with the stack and stopped with it. */
@Context
@Singleton
@Requires(property = "ripple.local.enabled", notEquals = "false")
@Requires(property = "ripple.local.launch-dynamodb", notEquals = "false")
public class DynamoDbLocalServer {
    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbLocalServer.class);

    private final DynamoDbLocalProcess process;

    DynamoDbLocalServer(LocalStackConfig config) {
        Path distribution = config.dynamodbDistribution() != null
                ? config.dynamodbDistribution()
                : locateDistribution();
        try {
            this.process = DynamoDbLocalProcess.start(distribution, config.dynamodbPort(), config.dataDir(),
                    config.startTimeout());
        } catch (IOException e) {
            throw new UncheckedIOException("DynamoDB Local could not be started", e);
        }
        LOG.info("DynamoDB Local at {} ({}; pid {}, log {})", process.endpoint(),
                config.dataDir() == null ? "in memory" : "data in " + config.dataDir(), process.pid(),
                process.logFile());
    }

    public URI endpoint() {
        return process.endpoint();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @PreDestroy
    void stop() {
        process.close();
        LOG.info("DynamoDB Local stopped");
    }

    /**
     * The build unpacks the distribution to {@code local/target/dynamodb-local}, beside both the classes
     * folder (tests, IDE) and {@code ripple-local.jar}, so it is found from wherever this code was loaded.
     */
    private static Path locateDistribution() {
        List<Path> tried = new ArrayList<>();
        try {
            Path codeSource = Path.of(DynamoDbLocalServer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path candidate = codeSource.getParent().resolve("dynamodb-local");
            tried.add(candidate);
            if (Files.isDirectory(candidate.resolve("lib"))) {
                return candidate;
            }
        } catch (URISyntaxException | RuntimeException e) {
            LOG.debug("Code source not usable to find DynamoDB Local", e);
        }
        Path fromRoot = Path.of("local", "target", "dynamodb-local");
        tried.add(fromRoot);
        if (Files.isDirectory(fromRoot.resolve("lib"))) {
            return fromRoot;
        }
        throw new IllegalStateException("DynamoDB Local distribution not found (tried " + tried
                + "). Run ./mvnw -DskipTests package, or set ripple.local.dynamodb-distribution.");
    }
}
