package dev.ripple.terraform;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * The hashicorp/aws provider's schema — what arguments and blocks each resource and data source takes — as the npm
 * package {@code @cdktn/provider-aws} records it (generated from the provider; its version says which). Terraform
 * cannot download the provider here, so {@code terraform validate} cannot run; this is the provider's own word
 * instead. The package's tarball is fetched once with {@code npm pack} into {@code ~/.cache/ripple} (outside the
 * work tree) and read in place.
 *
 * <p>Each {@code lib/<resource>/index.js} lists a resource's arguments in {@code synthesizeHclAttributes()}, and
 * each nested block's in a {@code <block>ToHclTerraform(struct)} function; an entry with {@code isBlock: true} names
 * the function of its block.
 */
final class ProviderSchema {
    static final String PACKAGE = "@cdktn/provider-aws";
    /** Generated from hashicorp/aws 6.66.0. */
    static final String VERSION = "25.7.0";
    static final Path TARBALL = Path.of(System.getProperty("user.home"), ".cache", "ripple",
            "cdktn-provider-aws-" + VERSION + ".tgz");

    /**
     * One argument or block of a resource; a block's own arguments are in {@link #block}.
     *
     * @param required the provider refuses a resource (or block) without it
     */
    record Field(boolean isBlock, boolean required, Map<String, Field> block) {
    }

    private static final Pattern ENTRY = Pattern.compile(
            "^\\s{8,12}([a-z0-9_]+): \\{\\s*\\n\\s*value: ([^\\n]*)\\n\\s*isBlock: (true|false)", Pattern.MULTILINE);
    private static final Pattern FUNCTION = Pattern.compile("function ([A-Za-z0-9]+ToHclTerraform)\\(struct\\) \\{");
    private static final Pattern BLOCK_FUNCTION = Pattern.compile("([A-Za-z0-9]+ToHclTerraform)");
    private static final Pattern CLASS = Pattern.compile("^class ([A-Za-z0-9]+) extends cdktn\\.(\\w+)",
            Pattern.MULTILINE);
    private static final Pattern REQUIRED = Pattern.compile("// ([a-z0-9_]+) - computed: \\w+, optional: \\w+, required: true");

    private static final Pattern PROVIDER_VERSION = Pattern.compile(
            "\"provider\"\\s*:\\s*\\{[^}]*\"version\"\\s*:\\s*\"([0-9.]+)\"");

    private final Map<String, String> sources;
    private final String providerVersion;

    private ProviderSchema(Map<String, String> sources, String providerVersion) {
        this.sources = sources;
        this.providerVersion = providerVersion;
    }

    /** The hashicorp/aws version the bindings were generated from (package.json's {@code cdktn.provider.version}). */
    String providerVersion() {
        return providerVersion;
    }

    /** Reads the resources' and data sources' schemas from the tarball, fetching it first if it is not cached. */
    static ProviderSchema load() {
        if (!Files.exists(TARBALL)) {
            fetch();
        }
        var sources = new HashMap<String, String>();
        String providerVersion = null;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(TARBALL));
             var tar = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                String name = entry.getName();
                if (name.equals("package/package.json")) {
                    Matcher version = PROVIDER_VERSION.matcher(new String(tar.readAllBytes(), StandardCharsets.UTF_8));
                    providerVersion = version.find() ? version.group(1) : null;
                    continue;
                }
                if (name.startsWith("package/lib/") && name.endsWith("/index.js") && name.chars().filter(c -> c == '/').count() == 3) {
                    sources.put(name.substring("package/lib/".length(), name.length() - "/index.js".length()),
                            new String(tar.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + TARBALL + " (delete it to fetch it again)", e);
        }
        if (providerVersion == null) {
            throw new IllegalStateException(TARBALL + " names no provider version in its package.json");
        }
        return new ProviderSchema(sources, providerVersion);
    }

    private static void fetch() {
        try {
            Files.createDirectories(TARBALL.getParent());
            Process npm = new ProcessBuilder("npm", "pack", PACKAGE + "@" + VERSION, "--pack-destination",
                    TARBALL.getParent().toString(), "--silent").redirectErrorStream(true).start();
            String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                throw new IllegalStateException("npm pack " + PACKAGE + "@" + VERSION + " failed: " + output);
            }
            Files.move(TARBALL.getParent().resolve("cdktn-provider-aws-" + VERSION + ".tgz"), TARBALL,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException("The provider schema check needs npm on the PATH to fetch " + PACKAGE
                    + "@" + VERSION + " (or the tarball at " + TARBALL + "): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A resource's arguments and blocks ({@code aws_apigatewayv2_route}); empty when the provider has no such one. */
    Optional<Map<String, Field>> resource(String type) {
        return fields(libraryName(type));
    }

    /** A data source's arguments and blocks ({@code aws_iam_policy_document}). */
    Optional<Map<String, Field>> dataSource(String type) {
        return fields("data-" + type.replace('_', '-'));
    }

    private static String libraryName(String type) {
        return type.replace('_', '-').replaceFirst("^aws-", "");
    }

    private Optional<Map<String, Field>> fields(String library) {
        String source = sources.get(library);
        if (source == null) {
            return Optional.empty();
        }
        Map<String, String> functions = functionBodies(source);
        Map<String, Set<String>> requiredByClass = requiredByClass(source);
        int top = source.lastIndexOf("synthesizeHclAttributes() {");
        if (top < 0) {
            throw new IllegalStateException(library + " has no synthesizeHclAttributes()");
        }
        Set<String> topRequired = requiredByClass.entrySet().stream()
                .filter(entry -> entry.getKey().startsWith("resource:") || entry.getKey().startsWith("data:"))
                .findFirst().map(Map.Entry::getValue).orElse(Set.of());
        return Optional.of(parse(source.substring(top, endOfBody(source, top)), topRequired, functions,
                requiredByClass));
    }

    private static Map<String, Field> parse(String body, Set<String> required, Map<String, String> functions,
                                            Map<String, Set<String>> requiredByClass) {
        var fields = new LinkedHashMap<String, Field>();
        Matcher entry = ENTRY.matcher(body);
        while (entry.find()) {
            boolean isBlock = entry.group(3).equals("true");
            Map<String, Field> block = Map.of();
            if (isBlock) {
                Matcher function = BLOCK_FUNCTION.matcher(entry.group(2));
                if (function.find() && functions.containsKey(function.group(1))) {
                    // fooBarToHclTerraform builds the struct FooBar, whose OutputReference class says what it requires.
                    String struct = Character.toUpperCase(function.group(1).charAt(0))
                            + function.group(1).substring(1, function.group(1).length() - "ToHclTerraform".length());
                    block = parse(functions.get(function.group(1)),
                            requiredByClass.getOrDefault(struct + "OutputReference", Set.of()), functions,
                            requiredByClass);
                }
            }
            fields.put(entry.group(1), new Field(isBlock, required.contains(entry.group(1)), block));
        }
        return fields;
    }

    /**
     * The arguments each class of the bindings marks required, by class name; the resource's (or data source's) own
     * class under {@code resource:}/{@code data:} and its name.
     */
    private static Map<String, Set<String>> requiredByClass(String source) {
        var byClass = new LinkedHashMap<String, Set<String>>();
        Matcher declaration = CLASS.matcher(source);
        while (declaration.find()) {
            String body = source.substring(declaration.start(), endOfBody(source, declaration.start()));
            var required = new java.util.TreeSet<String>();
            Matcher marked = REQUIRED.matcher(body);
            while (marked.find()) {
                required.add(marked.group(1));
            }
            String kind = switch (declaration.group(2)) {
                case "TerraformResource" -> "resource:";
                case "TerraformDataSource" -> "data:";
                default -> "";
            };
            byClass.put(kind + declaration.group(1), required);
        }
        return byClass;
    }

    private static Map<String, String> functionBodies(String source) {
        var bodies = new HashMap<String, String>();
        Matcher function = FUNCTION.matcher(source);
        while (function.find()) {
            bodies.put(function.group(1), source.substring(function.start(), endOfBody(source, function.start())));
        }
        return bodies;
    }

    /** Where the body that starts at the first '{' after {@code from} ends (the generated code has no braces in strings that matter here). */
    private static int endOfBody(String source, int from) {
        int depth = 0;
        for (int i = source.indexOf('{', from); i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i + 1;
            }
        }
        return source.length();
    }
}
