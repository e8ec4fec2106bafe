package dev.ripple.api.logs;

import dev.ripple.api.problem.InvalidFieldException;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;

/**
 * Bounds on an event's free-form payload, checked before anything is written: how deep it nests, how many
 * members an object or array has, how long keys (not empty: DynamoDB refuses those) and strings are, and numbers DynamoDB can store exactly
 * (38 significant digits, magnitude 1E-130 to below 1E+126). A refusal names the path of the value at fault.
 */
final class PayloadLimits {
    static final int MAX_DEPTH = 10;
    static final int MAX_MEMBERS = 100;
    static final int MAX_KEY_LENGTH = 200;
    static final int MAX_STRING_LENGTH = 10_000;
    private static final BigDecimal LARGEST_EXCLUSIVE = new BigDecimal("1E+126");
    private static final BigDecimal SMALLEST = new BigDecimal("1E-130");

    private PayloadLimits() {
    }

    static void check(Map<String, Object> payload) {
        check("payload", payload, 1);
    }

    private static void check(String path, Object value, int depth) {
        switch (value) {
            case null -> { }
            case String text -> {
                if (text.length() > MAX_STRING_LENGTH) {
                    throw new InvalidFieldException(path, "must be at most " + MAX_STRING_LENGTH + " characters");
                }
            }
            case Boolean ignored -> { }
            case Number number -> checkNumber(path, number);
            case Map<?, ?> map -> {
                checkContainer(path, map.size(), depth);
                map.forEach((key, member) -> {
                    String name = String.valueOf(key);
                    if (name.isEmpty()) {
                        throw new InvalidFieldException(path, "has an empty key");
                    }
                    if (name.length() > MAX_KEY_LENGTH) {
                        throw new InvalidFieldException(path, "has a key longer than " + MAX_KEY_LENGTH + " characters");
                    }
                    check(path + "." + name, member, depth + 1);
                });
            }
            case Collection<?> items -> {
                checkContainer(path, items.size(), depth);
                int index = 0;
                for (Object item : items) {
                    check(path + "[" + index++ + "]", item, depth + 1);
                }
            }
            default -> throw new InvalidFieldException(path, "is not a JSON value");
        }
    }

    private static void checkContainer(String path, int size, int depth) {
        if (depth > MAX_DEPTH) {
            throw new InvalidFieldException(path, "nests deeper than " + MAX_DEPTH + " levels");
        }
        if (size > MAX_MEMBERS) {
            throw new InvalidFieldException(path, "must have at most " + MAX_MEMBERS + " members");
        }
    }

    private static void checkNumber(String path, Number number) {
        BigDecimal decimal;
        try {
            decimal = number instanceof BigDecimal exact ? exact : new BigDecimal(number.toString());
        } catch (NumberFormatException infinite) {
            throw new InvalidFieldException(path, "is not a finite number");
        }
        BigDecimal magnitude = decimal.abs();
        if (decimal.stripTrailingZeros().precision() > 38
                || magnitude.compareTo(LARGEST_EXCLUSIVE) >= 0
                || (magnitude.signum() != 0 && magnitude.compareTo(SMALLEST) < 0)) {
            throw new InvalidFieldException(path,
                    "must have at most 38 significant digits and a magnitude between 1E-130 and 1E+126");
        }
    }
}
