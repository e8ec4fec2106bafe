package dev.ripple.sink;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChangeEventTest {

    private static ChangeEvent insertWith(Map<String, Object> newImage) {
        return new ChangeEvent("vote", EventName.INSERT, Map.of("pk", "VOTE#1"), null, newImage, "1", null, "e1");
    }

    @Test
    void anImageTheCallerKeepsChangingIsCopiedSoTheEventDoesNotChangeWithIt() {
        var image = new HashMap<String, Object>(Map.of("answer", "up"));

        ChangeEvent event = insertWith(image);
        image.put("answer", "down");

        assertThat(event.newImage()).containsEntry("answer", "up");
    }

    @Test
    void imagesAreReadOnlyForSinks() {
        ChangeEvent event = insertWith(new HashMap<>(Map.of("answer", "up")));

        assertThatThrownBy(() -> event.newImage().put("answer", "down")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> event.keys().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void anImageHandedOverIsKeptWithoutACopyAndReadOnly() {
        var handedOver = new HashMap<String, Object>(Map.of("answer", "up"));

        ChangeEvent event = ChangeEvent.handingOver("vote", EventName.INSERT, Map.of("pk", "VOTE#1"), null, handedOver,
                "1", null, "e1");
        handedOver.put("answer", "down");

        assertThat(event.newImage()).containsEntry("answer", "down");
        assertThatThrownBy(() -> event.newImage().put("answer", "sideways"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void imagesMayHoldNullValuesForTheNullType() {
        var image = new HashMap<String, Object>();
        image.put("comment", null);

        assertThat(insertWith(image).newImage()).containsEntry("comment", null);
    }
}
