package dev.ripple.bench.perf;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ChangeArgumentsTest {

    @Test
    void twoJarsAloneTakeTheBenchmarksCountTheResultsFolderAndAPlainTitle() {
        var arguments = ChangeArguments.of(new String[]{"before.jar", "after.jar"}, 15);

        assertThat(arguments).isEqualTo(new ChangeArguments(Path.of("before.jar"), Path.of("after.jar"), 15,
                Path.of("bench/results"), "the change"));
    }

    @Test
    void everyArgumentGivenIsTaken() {
        var arguments = ChangeArguments.of(new String[]{"a.jar", "b.jar", "7", "/tmp/out", "fewer registrations"}, 15);

        assertThat(arguments).isEqualTo(new ChangeArguments(Path.of("a.jar"), Path.of("b.jar"), 7,
                Path.of("/tmp/out"), "fewer registrations"));
    }
}
