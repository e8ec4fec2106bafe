package dev.ripple.bench.perf;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

/** The benchmarks start a JVM "as on Lambda" the way Lambda's Java runtime starts a function's. */
class LambdaRuntimeJvmTest {
    private static final Path TERRAFORM_VARIABLES = Path.of("../terraform/variables.tf");

    @Test
    void theHeapLimitIsTheOneTheRuntimeSetsForTheFunctionsMemory() {
        // From the java17 runtime's command line recorded inside a 512 MB function: -XX:MaxHeapSize=445645k.
        assertThat(ColdStartCost.lambdaRuntimeJvm(512)).contains("-XX:MaxHeapSize=445645k");
    }

    @Test
    void theMemoryIsTheOneTerraformGivesBothFunctions() throws IOException {
        String variables = Files.readString(TERRAFORM_VARIABLES);
        assertThat(defaultOf(variables, "api_memory_size")).isEqualTo(ColdStartCost.LAMBDA_MEMORY_MB);
        assertThat(defaultOf(variables, "consumer_memory_size")).isEqualTo(ColdStartCost.LAMBDA_MEMORY_MB);
    }

    @Test
    void theJvmCollectsSeriallyAndSizesItsHeapAsInAMicroVmOfThatMemory() throws Exception {
        String flags = finalFlags(ColdStartCost.LAMBDA_FLAGS);
        assertThat(flag(flags, "UseSerialGC")).isEqualTo("true");
        assertThat(flag(flags, "UseG1GC")).isEqualTo("false");
        assertThat(flag(flags, "TieredStopAtLevel")).isEqualTo("1");
        long memory = ColdStartCost.LAMBDA_MEMORY_MB * 1024L * 1024;
        // The first heap is 1/64 of the memory the JVM believes it has (rounded to the collector's alignment).
        assertThat(Long.parseLong(flag(flags, "InitialHeapSize"))).isBetween(memory / 64 / 2, memory / 64 * 2);
        // At most 85 % of it, rounded up to the collector's alignment.
        assertThat(Long.parseLong(flag(flags, "MaxHeapSize"))).isCloseTo(memory * 85 / 100, withinPercentage(1));
    }

    private static int defaultOf(String variables, String variable) {
        Matcher block = Pattern.compile("variable \"" + variable + "\" \\{(.*?)\\n}", Pattern.DOTALL)
                .matcher(variables);
        assertThat(block.find()).as("variable %s in %s", variable, TERRAFORM_VARIABLES).isTrue();
        Matcher value = Pattern.compile("default\\s*=\\s*(\\d+)").matcher(block.group(1));
        assertThat(value.find()).as("a number as the default of %s", variable).isTrue();
        return Integer.parseInt(value.group(1));
    }

    /** What a JVM started with these flags prints of its final flags. */
    private static String finalFlags(List<String> flags) throws IOException, InterruptedException {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(flags);
        command.addAll(List.of("-XX:+PrintFlagsFinal", "-version"));
        Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(java.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(java.exitValue()).as(output).isZero();
        return output;
    }

    private static String flag(String flags, String name) {
        Matcher line = Pattern.compile("^\\s*\\S+\\s+" + name + "\\s+=\\s+(\\S+)", Pattern.MULTILINE).matcher(flags);
        assertThat(line.find()).as("flag %s", name).isTrue();
        return line.group(1);
    }
}
