package dev.ripple.terraform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After package: the jars Terraform deploys exist where it looks for them, and the handlers it names are in them,
 * loadable from the jar alone and shaped as the Java runtime calls them.
 */
class LambdaJarsIT {
    private static final Set<String> LAMBDA_HANDLER_TYPES = Set.of(
            "com.amazonaws.services.lambda.runtime.RequestHandler",
            "com.amazonaws.services.lambda.runtime.RequestStreamHandler");

    private final TerraformModule root = TerraformModule.root();

    @ParameterizedTest(name = "{0}")
    @CsvSource({"api_function, api", "consumer_function, consumer"})
    void theJarTerraformDeploysHasBeenBuilt(String call, String function) throws IOException {
        Map<String, Object> arguments = root.moduleCall(call);
        assertThat(arguments).containsEntry("jar_path", "local." + function + "_jar_path");

        Path jar = root.defaultJar(function);

        assertThat(jar).as("./mvnw package builds it").isRegularFile();
        try (JarFile contents = new JarFile(jar.toFile())) {
            assertThat(contents.getEntry("META-INF/MANIFEST.MF")).isNotNull();
            assertThat(contents.stream().filter(entry -> entry.getName().startsWith("software/amazon/awssdk/services/dynamodb/"))
                    .count()).as("the shaded jar holds its dependencies").isPositive();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"api_function, api", "consumer_function, consumer"})
    void theHandlerTerraformNamesIsInTheJarAndIsALambdaHandler(String call, String function) throws Exception {
        String handler = String.valueOf(root.locals().get(function + "_handler"));
        assertThat(root.moduleCall(call)).containsEntry("handler", "local." + function + "_handler");
        String className = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
        String methodName = handler.contains("::") ? handler.substring(handler.indexOf("::") + 2) : "handleRequest";
        Path jar = root.defaultJar(function);

        try (JarFile contents = new JarFile(jar.toFile())) {
            assertThat(contents.getEntry(className.replace('.', '/') + ".class")).as("%s in %s", className, jar)
                    .isNotNull();
        }
        // Only the jar on the class path, as in the Lambda runtime.
        try (URLClassLoader loader = new URLClassLoader(new URL[]{jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> handlerClass = Class.forName(className, false, loader);
            assertThat(supertypes(handlerClass)).as("%s is a Lambda handler", className)
                    .containsAnyElementsOf(LAMBDA_HANDLER_TYPES);
            assertThat(handlerClass.getConstructor()).as("the runtime's no-arg constructor").isNotNull();
            assertThat(Modifier.isAbstract(handlerClass.getModifiers())).isFalse();
            assertThat(Arrays.stream(handlerClass.getMethods()).map(Method::getName)).contains(methodName);
        }
    }

    @Test
    void theFunctionIsUpdatedWheneverTheJarChanges() {
        TerraformModule function = TerraformModule.module("function");
        String main = function.text("main.tf").replaceAll("\\s+", " ");

        assertThat(function.resource("aws_lambda_function", "this")).containsEntry("filename", "var.jar_path");
        assertThat(main).contains("source_code_hash = filebase64sha256(var.jar_path)");
    }

    @Test
    void theFunctionRunsOnJavaFromASnapStartVersionBehindAnAlias() {
        TerraformModule function = TerraformModule.module("function");
        Map<String, Object> lambda = function.resource("aws_lambda_function", "this");
        Map<String, Object> snapStart = TerraformModule.castMap(TerraformModule.castMap(lambda.get("dynamic"))
                .get("snap_start"));

        assertThat(function.variables().get("runtime")).containsEntry("default", "java21");
        assertThat(function.text("variables.tf")).contains("contains([\"java21\", \"java25\"], var.runtime)");
        assertThat(lambda).containsEntry("runtime", "var.runtime").containsEntry("publish", true)
                .containsEntry("memory_size", "var.memory_size").containsEntry("timeout", "var.timeout");
        assertThat(snapStart.get("content")).isEqualTo(Map.of("apply_on", "PublishedVersions"));
        assertThat(function.resource("aws_lambda_alias", "this"))
                .containsEntry("function_version", "aws_lambda_function.this.version");
        assertThat(function.variables().get("snap_start_enabled")).containsEntry("default", true);
    }

    @Test
    void theFunctionLogsToItsOwnGroupWithARetention() {
        TerraformModule function = TerraformModule.module("function");

        assertThat(function.resource("aws_cloudwatch_log_group", "this"))
                .containsEntry("name", "/aws/lambda/var.name")
                .containsEntry("retention_in_days", "var.log_retention_days");
        assertThat(TerraformModule.castMap(function.resource("aws_lambda_function", "this").get("logging_config")))
                .containsEntry("log_format", "var.log_format")
                .containsEntry("log_group", "aws_cloudwatch_log_group.this.name");
        // The levels are conditional on the JSON format, which the HCL reader does not evaluate: read as written.
        assertThat(function.text("main.tf")).containsIgnoringWhitespaces(
                "application_log_level = var.log_format == \"JSON\" ? var.application_log_level : null",
                "system_log_level      = var.log_format == \"JSON\" ? var.system_log_level : null");
    }

    private static Set<String> supertypes(Class<?> type) {
        Set<String> names = new HashSet<>();
        Deque<Class<?>> pending = new ArrayDeque<>();
        pending.add(type);
        while (!pending.isEmpty()) {
            Class<?> next = pending.pop();
            if (names.add(next.getName())) {
                if (next.getSuperclass() != null) {
                    pending.add(next.getSuperclass());
                }
                pending.addAll(Arrays.asList(next.getInterfaces()));
            }
        }
        return names;
    }
}
