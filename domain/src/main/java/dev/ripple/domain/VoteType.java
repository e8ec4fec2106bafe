package dev.ripple.domain;

import java.util.Arrays;
import java.util.Optional;

/** A newsletter reader's verdict. */
public enum VoteType {
    THUMBSUP("thumbsup"),
    THUMBSDOWN("thumbsdown");

    private final String attributeValue;

    VoteType(String attributeValue) {
        this.attributeValue = attributeValue;
    }

    public String attributeValue() {
        return attributeValue;
    }

    public static Optional<VoteType> fromAttributeValue(String value) {
        return Arrays.stream(values()).filter(t -> t.attributeValue.equals(value)).findFirst();
    }
}
