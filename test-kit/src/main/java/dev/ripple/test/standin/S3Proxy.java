package dev.ripple.test.standin;

import dev.ripple.test.FakeAws;
import dev.ripple.test.Loopback;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * S3Proxy with its in-memory ("transient") store, in a JVM of its own on 127.0.0.1: the S3 API as the SDK speaks
 * it, signatures checked. The jar is {@code org.gaul:s3proxy:jar-with-dependencies}, which the build copies to
 * {@code target/s3proxy/s3proxy.jar} of the module under test (or the file the system property
 * {@value #JAR_PROPERTY} names).
 */
public final class S3Proxy implements AutoCloseable {
    /** {@link FakeAws}'s, so that one set of credentials serves DynamoDB Local and S3Proxy alike. */
    public static final String ACCESS_KEY = FakeAws.ACCESS_KEY;
    public static final String SECRET_KEY = FakeAws.SECRET_KEY;
    public static final String JAR_PROPERTY = "ripple.test.s3proxy-jar";

    private final Process process;
    private final URI endpoint;

    private S3Proxy(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    public static S3Proxy start() {
        Path jar = Path.of(System.getProperty(JAR_PROPERTY, "target/s3proxy/s3proxy.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: the build copies S3Proxy there"
                    + " (org.gaul:s3proxy:jar-with-dependencies, mvn generate-test-resources)");
        }
        try {
            int port = Loopback.freePort();
            URI endpoint = URI.create("http://127.0.0.1:" + port);
            Path work = Files.createTempDirectory("s3proxy");
            Path properties = Files.writeString(work.resolve("s3proxy.properties"), String.join("\n",
                    "s3proxy.endpoint=" + endpoint,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + ACCESS_KEY,
                    "s3proxy.credential=" + SECRET_KEY,
                    "jclouds.provider=transient",
                    "jclouds.identity=" + ACCESS_KEY,
                    "jclouds.credential=" + SECRET_KEY,
                    ""));
            Process process = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", jar.toAbsolutePath().toString(), "--properties", properties.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(work.resolve("s3proxy.log").toFile())
                    .start();
            waitUntilListening(port, process, work.resolve("s3proxy.log"));
            return new S3Proxy(process, endpoint);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /**
     * What a Micronaut context needs for its S3 client to reach S3Proxy at {@code endpoint} — its own
     * {@link #endpoint()}, or a proxy's in front of it: the endpoint, path-style addresses, its region and keys.
     */
    public static Map<String, Object> clientProperties(URI endpoint) {
        return Map.of("aws.services.s3.endpoint-override", endpoint.toString(),
                "aws.services.s3.path-style-access-enabled", true,
                "aws.region", FakeAws.REGION.id(),
                "aws.access-key-id", ACCESS_KEY,
                "aws.secret-key", SECRET_KEY);
    }

    @Override
    public void close() {
        // Returns once it has exited, so that a test after this one sees no child of this JVM still going.
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }


    private static void waitUntilListening(int port, Process process, Path log) throws IOException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Proxy exited: " + Files.readString(log));
            }
            try (var socket = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("S3Proxy did not listen on 127.0.0.1:" + port + " within 60 s: "
                + Files.readString(log));
    }
}
