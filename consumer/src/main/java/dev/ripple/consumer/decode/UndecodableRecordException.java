package dev.ripple.consumer.decode;

/** A stream record that cannot become a {@link dev.ripple.sink.ChangeEvent}; the message says why. */
public class UndecodableRecordException extends Exception {
    public UndecodableRecordException(String reason) {
        super(reason, null, false, false);
    }
}
