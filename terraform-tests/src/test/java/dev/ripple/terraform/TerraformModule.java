package dev.ripple.terraform;

import com.bertramlabs.plugins.hcl4j.HCLParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One Terraform module (a folder of {@code .tf} files) as hcl4j reads it. Each file is parsed on its own, so a
 * reference to a variable, a local or another file's value stays visible as its text ({@code "var.stream_arn"},
 * {@code "module.table.table_arn"}) instead of being resolved: that is what the wiring checks compare. A block that
 * appears once is a map, one that repeats a list of maps; {@link #blocks} hides the difference.
 */
final class TerraformModule {
    /** The repository's terraform folder, seen from this module's working directory. */
    static final Path ROOT = Path.of("..", "terraform").toAbsolutePath().normalize();

    private final Path dir;
    private final Map<String, Map<String, Object>> filesByName;

    private TerraformModule(Path dir, Map<String, Map<String, Object>> filesByName) {
        this.dir = dir;
        this.filesByName = filesByName;
    }

    static TerraformModule root() {
        return at(ROOT);
    }

    static TerraformModule module(String name) {
        return at(ROOT.resolve("modules").resolve(name));
    }

    static List<String> moduleNames() {
        try (Stream<Path> dirs = Files.list(ROOT.resolve("modules"))) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TerraformModule at(Path dir) {
        Map<String, Map<String, Object>> files = new LinkedHashMap<>();
        try (Stream<Path> tfFiles = Files.list(dir)) {
            for (Path file : tfFiles.filter(f -> f.toString().endsWith(".tf")).sorted().toList()) {
                files.put(file.getFileName().toString(), parse(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TerraformModule(dir, files);
    }

    static Map<String, Object> parse(Path file) {
        Map<String, Object> parsed;
        try {
            parsed = new HCLParser().parse(file.toFile(), "UTF-8");
        } catch (Exception e) {
            throw new AssertionError("hcl4j cannot parse " + file + ": " + e, e);
        }
        return castMap(plain(parsed));
    }

    /** Maps, lists, strings, numbers and booleans as they are; anything else (an unresolved reference) as its text. */
    private static Object plain(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(String.valueOf(key), plain(item)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(TerraformModule::plain).toList();
        }
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        return String.valueOf(value);
    }

    Path dir() {
        return dir;
    }

    /** The jar the root deploys for a function ({@code api}, {@code consumer}) unless told otherwise. */
    Path defaultJar(String function) {
        String path = String.valueOf(locals().get("default_" + function + "_jar_path"));
        if (!path.startsWith("path.root/")) {
            throw new AssertionError("local.default_" + function + "_jar_path is not under path.root: " + path);
        }
        return dir.resolve(path.substring("path.root/".length())).normalize();
    }

    List<String> fileNames() {
        return List.copyOf(filesByName.keySet());
    }

    String text(String fileName) {
        try {
            return Files.readString(dir.resolve(fileName));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The {@code variable "name"} block of {@code variables.tf} as written, for a scratch module that evaluates its
     * validation with {@link TerraformCli} (the HCL reader does not evaluate conditions).
     */
    String variableAsWritten(String name) {
        Matcher block = Pattern.compile("(?ms)^variable \"" + Pattern.quote(name) + "\" \\{.*?^}")
                .matcher(text("variables.tf"));
        if (!block.find()) {
            throw new AssertionError("variables.tf declares no variable " + name);
        }
        return block.group();
    }

    /**
     * The lines of this module's {@code locals.tf} that declare locals whose names start with one of
     * {@code prefixes}, as written, for a scratch module that evaluates them with {@link TerraformCli}.
     */
    List<String> localsAsWritten(String... prefixes) {
        return text("locals.tf").lines()
                .filter(line -> java.util.Arrays.stream(prefixes).anyMatch(line.trim()::startsWith)).toList();
    }

    /** {@code resource "type" "name"} bodies of one type, by name, across every file. */
    Map<String, Map<String, Object>> resources(String type) {
        return labelled("resource", type);
    }

    Map<String, Object> resource(String type, String name) {
        return required(resources(type), type + "." + name, name);
    }

    Map<String, Map<String, Object>> dataSources(String type) {
        return labelled("data", type);
    }

    /** Every resource type declared, with its bodies by name. */
    Map<String, Map<String, Map<String, Object>>> allResources() {
        Map<String, Map<String, Map<String, Object>>> all = new LinkedHashMap<>();
        for (Map<String, Object> file : filesByName.values()) {
            if (file.get("resource") instanceof Map<?, ?> byType) {
                byType.forEach((type, byName) -> castMap(byName).forEach((name, body) ->
                        all.computeIfAbsent((String) type, t -> new LinkedHashMap<>()).put(name, castMap(body))));
            }
        }
        return all;
    }

    Map<String, Object> moduleCall(String name) {
        return required(topLevel("module"), "module." + name, name);
    }

    Map<String, Map<String, Object>> moduleCalls() {
        return topLevel("module");
    }

    Map<String, Map<String, Object>> variables() {
        return topLevel("variable");
    }

    Map<String, Map<String, Object>> outputs() {
        return topLevel("output");
    }

    Map<String, Object> locals() {
        Map<String, Object> locals = new LinkedHashMap<>();
        filesByName.values().forEach(file -> {
            if (file.get("locals") instanceof Map<?, ?> values) {
                locals.putAll(castMap(values));
            }
        });
        return locals;
    }

    Map<String, Object> terraformBlock() {
        return filesByName.values().stream()
                .filter(file -> file.get("terraform") instanceof Map<?, ?>)
                .map(file -> castMap(file.get("terraform")))
                .findFirst()
                .orElseThrow(() -> new AssertionError(dir + " has no terraform block"));
    }

    /**
     * Every statement of every {@code aws_iam_policy_document} in the module, with the data source's name under
     * {@code "document"}; statements of {@code dynamic "statement"} blocks count too.
     */
    List<Map<String, Object>> policyStatements() {
        List<Map<String, Object>> statements = new ArrayList<>();
        dataSources("aws_iam_policy_document").forEach((name, document) -> {
            List<Map<String, Object>> found = new ArrayList<>(blocks(document.get("statement")));
            if (document.get("dynamic") instanceof Map<?, ?> dynamic) {
                blocks(dynamic.get("statement")).forEach(block -> found.addAll(blocks(block.get("content"))));
            }
            found.forEach(statement -> {
                Map<String, Object> named = new LinkedHashMap<>(statement);
                named.put("document", name);
                statements.add(named);
            });
        });
        return statements;
    }

    static List<Map<String, Object>> blocks(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(TerraformModule::castMap).toList();
        }
        return List.of(castMap(value));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> castMap(Object value) {
        if (!(value instanceof Map<?, ?>)) {
            throw new AssertionError("expected a block, found " + value);
        }
        return (Map<String, Object>) value;
    }

    /** A list's elements as text, or a single expression (one that yields a list, say) as its text. */
    static List<String> references(Object value) {
        return value instanceof List<?> ? strings(value) : value == null ? List.of() : List.of(String.valueOf(value));
    }

    @SuppressWarnings("unchecked")
    static List<String> strings(Object value) {
        if (!(value instanceof List<?>)) {
            throw new AssertionError("expected a list, found " + value);
        }
        return ((List<Object>) value).stream().map(String::valueOf).toList();
    }

    private Map<String, Map<String, Object>> labelled(String kind, String type) {
        Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
        for (Map<String, Object> file : filesByName.values()) {
            if (file.get(kind) instanceof Map<?, ?> byType && byType.get(type) instanceof Map<?, ?> named) {
                named.forEach((name, body) -> byName.put((String) name, castMap(body)));
            }
        }
        return byName;
    }

    private Map<String, Map<String, Object>> topLevel(String kind) {
        Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
        for (Map<String, Object> file : filesByName.values()) {
            if (file.get(kind) instanceof Map<?, ?> named) {
                named.forEach((name, body) -> byName.put((String) name, castMap(body)));
            }
        }
        return byName;
    }

    private Map<String, Object> required(Map<String, Map<String, Object>> found, String what, String name) {
        Map<String, Object> body = found.get(name);
        if (body == null) {
            throw new AssertionError(dir + " declares no " + what + " (it has " + found.keySet() + ")");
        }
        return body;
    }
}
