package dev.ripple.local;

import dev.ripple.local.auth.TokenCommand;
import dev.ripple.local.cli.RippleCli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar local/target/ripple-local.jar [--data-dir DIR]}: DynamoDB Local, the table and its
 * stream, the API on Netty and the event source mapping emulator driving the consumer, all on 127.0.0.1. Any Micronaut
 * setting works as an environment variable ({@code MICRONAUT_SERVER_PORT}, {@code RIPPLE_SINKS_SLACK_WEBHOOK_URL}).
 */
public final class RippleLocal {
    private static final String DATA_DIR = "--data-dir";

    private RippleLocal() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && RippleCli.COMMANDS.contains(args[0])) {
            System.exit(RippleCli.run(List.of(args), new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                    new PrintWriter(System.err, true, StandardCharsets.UTF_8)));
        }
        if (args.length > 0 && args[0].equals("token")) {
            System.exit(TokenCommand.run(List.of(args).subList(1, args.length),
                    new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                    new PrintWriter(System.err, true, StandardCharsets.UTF_8)));
        }
        Map<String, Object> properties = new HashMap<>();
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                System.out.println("""
                        Usage: java -jar local/target/ripple-local.jar [--data-dir DIR] [--micronaut.setting=value ...]
                               java -jar local/target/ripple-local.jar failures|redrive|backfill ... (bin/ripple --help)
                               java -jar local/target/ripple-local.jar token --scope SCOPE... [--subject PLAYER]
                          --data-dir DIR   keep DynamoDB Local's tables and the stream checkpoints in DIR (default: in memory)
                          failures, redrive, backfill   the operator's commands, locally or on a stage (COMMAND --help)
                          token            print an access token from the running stack's issuer (token --help)
                        Environment: MICRONAUT_SERVER_PORT (8080), RIPPLE_SINKS_SLACK_WEBHOOK_URL (console when unset),
                                     RIPPLE_LOCAL_DYNAMODB_PORT (8000), RIPPLE_TABLE_NAME (ripple),
                                     RIPPLE_API_AUTH_ENABLED=false (no token checks: a quick demo only)""");
                return;
            } else if (arg.equals(DATA_DIR) && i + 1 < args.length) {
                properties.put("ripple.local.data-dir", Path.of(args[++i]).toAbsolutePath().toString());
            } else if (arg.startsWith(DATA_DIR + "=")) {
                properties.put("ripple.local.data-dir",
                        Path.of(arg.substring(DATA_DIR.length() + 1)).toAbsolutePath().toString());
            } else if (arg.equals(DATA_DIR)) {
                System.err.println("--data-dir needs a directory");
                System.exit(2);
            } else {
                rest.add(arg);
            }
        }
        new RippleMicronaut().args(rest.toArray(String[]::new))
                .mainClass(RippleLocal.class)
                .properties(properties)
                .banner(false)
                .start();
    }
}
