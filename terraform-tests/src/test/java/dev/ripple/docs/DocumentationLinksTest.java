package dev.ripple.docs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README is the entry point and {@code docs/} the reference: every relative link between them resolves — to a
 * file of the repository, and to a heading when it names one — and nothing in the project points outside the
 * repository.
 */
class DocumentationLinksTest {
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    /** {@code [text](target)} and {@code ![alt](target)}, target without spaces. */
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6} +(.+?) *$");
    private static final Set<String> SOURCE_EXTENSIONS = Set.of("java", "md", "tf", "hcl", "tfvars", "xml", "yml",
            "json", "properties");

    private static List<Path> documents() throws IOException {
        List<Path> documents = new ArrayList<>(List.of(REPOSITORY.resolve("README.md")));
        try (Stream<Path> docs = Files.list(REPOSITORY.resolve("docs"))) {
            docs.filter(file -> file.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        return documents;
    }

    @Test
    void everyRelativeLinkOfTheReadmeAndTheDocsResolvesInsideTheRepository() throws IOException {
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path document : documents()) {
            Matcher link = LINK.matcher(Files.readString(document));
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("[a-z]+:.*")) {
                    continue; // http(s), mailto: not ours to check offline
                }
                checked++;
                String problem = problemWith(document, target);
                if (problem != null) {
                    broken.add(REPOSITORY.relativize(document) + ": " + target + " — " + problem);
                }
            }
        }
        assertThat(checked).as("links found").isGreaterThan(20);
        assertThat(broken).isEmpty();
    }

    private static String problemWith(Path document, String target) throws IOException {
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path resolved = file.isEmpty() ? document : document.getParent().resolve(file).normalize();
        if (!resolved.startsWith(REPOSITORY)) {
            return "outside the repository";
        }
        if (!Files.exists(resolved)) {
            return "no such file";
        }
        if (anchor != null && !anchors(resolved).contains(anchor)) {
            return "no heading #" + anchor + " in " + REPOSITORY.relativize(resolved);
        }
        return null;
    }

    /** The anchors GitHub makes of a Markdown file's headings. */
    private static Set<String> anchors(Path markdown) throws IOException {
        if (!markdown.toString().endsWith(".md")) {
            return Set.of();
        }
        Matcher heading = HEADING.matcher(Files.readString(markdown));
        var anchors = new java.util.HashSet<String>();
        while (heading.find()) {
            anchors.add(heading.group(1).toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "")
                    .replace(' ', '-'));
        }
        return anchors;
    }

    @Test
    void nothingInTheProjectRefersToADesignFileOutsideTheRepository() throws IOException {
        // Spelt in two parts so that this file does not name them itself.
        List<String> outside = List.of("DESIGN" + ".md", "../" + "shared/", "ENVIRONMENT" + ".md");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(REPOSITORY)) {
            for (Path file : files.filter(Files::isRegularFile).filter(DocumentationLinksTest::isSource).toList()) {
                String text = Files.readString(file);
                outside.stream().filter(text::contains)
                        .forEach(name -> found.add(REPOSITORY.relativize(file) + " names " + name));
            }
        }
        assertThat(found).isEmpty();
    }

    private static boolean isSource(Path file) {
        Path relative = REPOSITORY.relativize(file);
        for (Path part : relative) {
            String name = part.toString();
            if (name.equals("target") || name.equals("node_modules") || name.equals(".git")
                    || name.equals(".terraform") || name.equals(".ripple")) {
                return false;
            }
        }
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return relative.startsWith("bin") || dot > 0 && SOURCE_EXTENSIONS.contains(name.substring(dot + 1));
    }
}
