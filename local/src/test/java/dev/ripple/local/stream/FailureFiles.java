package dev.ripple.local.stream;

import dev.ripple.consumer.failure.FailureDocument;
import dev.ripple.local.failure.FailureDirectory;

import java.util.List;
import java.util.Map;

/** Reading what the failure destination holds, for assertions. */
public final class FailureFiles {
    private FailureFiles() {
    }

    /** Every document in the failure directory, oldest first. */
    public static List<FailureDocument> all(FailureDirectory directory) {
        return directory.list().stream().map(directory::read).toList();
    }

    static List<String> keys(FailureDocument file) {
        return file.records().stream().map(ScriptedFunction::key).toList();
    }

    /** The {@code version} number attribute of the record's new image. */
    @SuppressWarnings("unchecked")
    static int version(Map<String, Object> record) {
        var image = (Map<String, Object>) ((Map<String, Object>) record.get("dynamodb")).get("NewImage");
        return Integer.parseInt((String) ((Map<String, Object>) image.get("version")).get("N"));
    }
}
