package dev.ripple.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * The {@code type} attribute every item of the single table carries; the stream consumer routes on it.
 */
public enum ItemType {
    VOTE("vote"),
    CUSTOMER("customer"),
    EMAIL_CLAIM("email-claim"),
    PLAY("play"),
    BADGE("badge"),
    LOG_EVENT("log-event");

    private final String attributeValue;

    ItemType(String attributeValue) {
        this.attributeValue = attributeValue;
    }

    /** The value stored in the item's {@code type} attribute. */
    public String attributeValue() {
        return attributeValue;
    }

    public static Optional<ItemType> fromAttributeValue(String value) {
        return Arrays.stream(values()).filter(t -> t.attributeValue.equals(value)).findFirst();
    }
}
