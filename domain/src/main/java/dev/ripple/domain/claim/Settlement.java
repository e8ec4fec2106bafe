package dev.ripple.domain.claim;

import java.util.Map;

/** What becomes of a claim once its work has run. */
public sealed interface Settlement {

    /** The work is done: remember it, with these attributes, so that nobody does it again. */
    record Complete(Map<String, String> attributes) implements Settlement {
        public Complete {
            attributes = Map.copyOf(attributes);
        }
    }

    /** The work did not happen: give the claim up so that the next caller can try at once. */
    record Release() implements Settlement {
    }

    /**
     * Nobody knows whether the work happened (a provider that did not answer in time may still act): keep the claim
     * in progress until its timeout, so that nobody repeats the work before then. After it, the next caller takes
     * the claim over and runs the work — the second window docs/reliability.md describes.
     */
    record KeepUncertain() implements Settlement {
    }

    static Settlement complete() {
        return new Complete(Map.of());
    }

    static Settlement complete(Map<String, String> attributes) {
        return new Complete(attributes);
    }

    static Settlement release() {
        return new Release();
    }

    static Settlement keepUncertain() {
        return new KeepUncertain();
    }
}
