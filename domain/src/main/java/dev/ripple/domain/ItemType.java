package dev.ripple.domain;

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
}
