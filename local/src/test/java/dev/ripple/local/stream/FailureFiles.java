package dev.ripple.local.stream;

import dev.ripple.local.failure.FailureDirectory;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

/** Reading what the failure destination holds, for assertions. */
public final class FailureFiles {
    private FailureFiles() {
    }

    /** Every document in the failure directory, oldest first. */
    public static List<Map<String, Object>> all(FailureDirectory directory, JsonMapper json) {
        return directory.list().stream().map(file -> {
            try {
                return json.readValue(Files.readAllBytes(file), Argument.mapOf(String.class, Object.class));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }

    @SuppressWarnings("unchecked")
    static List<String> keys(Map<String, Object> file) {
        var records = (List<Map<String, Object>>) ((Map<String, Object>) file.get("payload")).get("Records");
        return records.stream().map(ScriptedFunction::key).toList();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> batchInfo(Map<String, Object> file) {
        return (Map<String, Object>) file.get("DDBStreamBatchInfo");
    }

    /** The {@code version} number attribute of the record's new image. */
    @SuppressWarnings("unchecked")
    static int version(Map<String, Object> record) {
        var image = (Map<String, Object>) ((Map<String, Object>) record.get("dynamodb")).get("NewImage");
        return Integer.parseInt((String) ((Map<String, Object>) image.get("version")).get("N"));
    }
}
