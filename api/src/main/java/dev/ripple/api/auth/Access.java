package dev.ripple.api.auth;

import java.util.Objects;

/** Who may call a route. */
public sealed interface Access {

    /** Anyone: the newsletter widget, the sign-up form, a reader. */
    record Public() implements Access {
    }

    /** A service whose token carries this scope. */
    record Scoped(String scope) implements Access {
        public Scoped {
            Objects.requireNonNull(scope, "scope");
        }
    }

    /**
     * The person the path names — a token with {@code personScope} whose subject is the path variable's value — or a
     * service with {@code scope}.
     */
    record SubjectOrScoped(String pathVariable, String personScope, String scope) implements Access {
        public SubjectOrScoped {
            Objects.requireNonNull(pathVariable, "pathVariable");
            Objects.requireNonNull(personScope, "personScope");
            Objects.requireNonNull(scope, "scope");
        }
    }

    /**
     * Whoever holds the vote's edit token (the browser that cast it), checked by the controller against the stored
     * hash; optionally also a service with the scope (null: the token holder only).
     */
    record VoteHolder(String orScope) implements Access {
    }
}
