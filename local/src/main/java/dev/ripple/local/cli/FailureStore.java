package dev.ripple.local.cli;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where failure documents wait: the local stack's failure directory, or a stage's failure bucket (the consumer's own
 * under {@code ripple/permanent-failures/}, the mapping's under Lambda's prefix). What was redriven moves out of the
 * way — into {@code redriven/} beside the files, or under the bucket's {@code redriven/} prefix (copy, then delete) —
 * so a second redrive does not see it.
 */
sealed interface FailureStore {
    String REDRIVEN = "redriven/";
    JsonMapper JSON = JsonMapper.createDefault();

    /** One stored document: its name (a file's path, an object's key), when it was stored, and its parsed JSON. */
    record Stored(String name, Instant stored, Map<String, Object> document) {
    }

    /** Every document waiting, oldest first; what is not a failure document is left out. */
    List<Stored> list();

    /** The named ones (paths or keys); one that is not there, or not a failure document, stops the command. */
    List<Stored> named(List<String> names);

    void markRedriven(Stored document);

    String describe();

    /** A failure document has a request context and records in its payload (Ripple's and Lambda's S3 documents). */
    static Map<String, Object> parse(byte[] bytes, String name) {
        Map<String, Object> document;
        try {
            document = JSON.readValue(bytes, Argument.mapOf(String.class, Object.class));
        } catch (IOException | RuntimeException e) {
            throw new CliException(name + " is not a failure document (not JSON)");
        }
        if (!(document.get("requestContext") instanceof Map<?, ?>)
                || !(document.get("payload") instanceof Map<?, ?> payload)
                || !(payload.get("Records") instanceof List<?> records) || records.isEmpty()) {
            throw new CliException(name + " is not a failure document (no requestContext and payload.Records)");
        }
        return document;
    }

    record Directory(Path directory) implements FailureStore {
        @Override
        public List<Stored> list() {
            if (!Files.isDirectory(directory)) {
                return List.of();
            }
            List<Stored> stored = new ArrayList<>();
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                    try {
                        stored.add(read(file));
                    } catch (CliException notADocument) {
                        // another file in the folder: not listed
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return stored;
        }

        @Override
        public List<Stored> named(List<String> names) {
            return names.stream().map(name -> {
                Path file = Path.of(name);
                if (!Files.isRegularFile(file)) {
                    throw new CliException("no file " + name);
                }
                return read(file);
            }).toList();
        }

        private static Stored read(Path file) {
            try {
                return new Stored(file.toString(), Files.getLastModifiedTime(file).toInstant(),
                        parse(Files.readAllBytes(file), file.toString()));
            } catch (IOException e) {
                throw new CliException("cannot read " + file + ": " + e.getMessage());
            }
        }

        @Override
        public void markRedriven(Stored document) {
            Path file = Path.of(document.name());
            Path done = file.toAbsolutePath().getParent().resolve("redriven");
            try {
                Files.createDirectories(done);
                Files.move(file, done.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot move " + file + " to " + done, e);
            }
        }

        @Override
        public String describe() {
            return directory.toString();
        }
    }

    record Bucket(S3Client s3, String bucket) implements FailureStore {
        @Override
        public List<Stored> list() {
            List<S3Object> objects;
            try {
                objects = s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream()
                        .filter(o -> o.key().endsWith(".json") && !o.key().startsWith(REDRIVEN))
                        .sorted(Comparator.comparing(S3Object::lastModified).thenComparing(S3Object::key))
                        .toList();
            } catch (NoSuchBucketException e) {
                throw new CliException("no failure bucket " + bucket);
            }
            List<Stored> stored = new ArrayList<>();
            for (S3Object object : objects) {
                try {
                    stored.add(new Stored(object.key(), object.lastModified(), parse(
                            s3.getObjectAsBytes(b -> b.bucket(bucket).key(object.key())).asByteArray(), object.key())));
                } catch (CliException notADocument) {
                    // another object in the bucket: not listed
                }
            }
            return stored;
        }

        @Override
        public List<Stored> named(List<String> keys) {
            return keys.stream().map(key -> {
                try {
                    var object = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
                    return new Stored(key, object.response().lastModified(), parse(object.asByteArray(), key));
                } catch (software.amazon.awssdk.services.s3.model.NoSuchKeyException e) {
                    throw new CliException("no object " + key + " in " + bucket);
                }
            }).toList();
        }

        @Override
        public void markRedriven(Stored document) {
            s3.copyObject(b -> b.sourceBucket(bucket).sourceKey(document.name()).destinationBucket(bucket)
                    .destinationKey(REDRIVEN + document.name()));
            s3.deleteObject(b -> b.bucket(bucket).key(document.name()));
        }

        @Override
        public String describe() {
            return "s3://" + bucket;
        }
    }
}
