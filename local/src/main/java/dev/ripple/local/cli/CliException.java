package dev.ripple.local.cli;

/** Something the operator must fix (a name, a missing resource, no credentials): one line on stderr, exit 2. */
final class CliException extends RuntimeException {
    CliException(String message) {
        super(message);
    }
}
