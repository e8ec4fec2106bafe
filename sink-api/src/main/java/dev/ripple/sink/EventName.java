package dev.ripple.sink;

/** The kind of change a stream record describes, as DynamoDB Streams names it. */
public enum EventName {
    INSERT,
    MODIFY,
    REMOVE
}
