package dev.ripple.api.idempotency;

import java.util.Map;
import java.util.Set;

/**
 * Members of an idempotent action's answer that must not be kept with it (a vote's edit token), and how a replayed
 * answer gets them anew. The first answer is stored without them; a replay — the client lost that answer and sends
 * the same request with the same key — gets fresh values, which may replace the old ones (a new edit token; the old
 * one stops working: whoever holds the key and the request is the one who made it).
 */
public interface SecretMembers {

    /** The names removed from the answer's body before it is stored. */
    Set<String> names();

    /** Puts fresh values into a replayed answer's body (read from its stored JSON); it may write. */
    void renew(Map<String, Object> replayedBody);

    /** For actions whose answers hold nothing secret. */
    final class None implements SecretMembers {
        @Override
        public Set<String> names() {
            return Set.of();
        }

        @Override
        public void renew(Map<String, Object> replayedBody) {
            // nothing to renew
        }
    }
}
