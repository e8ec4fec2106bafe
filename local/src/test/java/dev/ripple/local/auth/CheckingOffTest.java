package dev.ripple.local.auth;

import dev.ripple.test.stack.RippleStack;
import dev.ripple.test.stack.RippleStackExtension;
import io.micronaut.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code RIPPLE_API_AUTH_ENABLED=false}: a quick demo without tokens, which the stack's health says aloud. */
class CheckingOffTest {
    @RegisterExtension
    static final RippleStackExtension ripple = new RippleStackExtension(stack -> stack
            .property("ripple.api.auth.enabled", false));

    @Test
    void aProtectedRouteAnswersWithoutAToken() {
        int status = ripple.stack().http().toBlocking().exchange(HttpRequest.POST("/players/ada/plays",
                Map.of("gameId", "chess"))).getStatus().getCode();

        assertThat(status).isEqualTo(201);
    }

    @Test
    void theHealthSaysAnyoneMayCallAnything() {
        String health = ripple.stack().http().toBlocking().retrieve(HttpRequest.GET("/health"), String.class);

        assertThat(health).contains("OFF: anyone may call anything");
    }
}
