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

    static Settlement complete() {
        return new Complete(Map.of());
    }

    static Settlement complete(Map<String, String> attributes) {
        return new Complete(attributes);
    }

    static Settlement release() {
        return new Release();
    }
}
