package dev.ripple.api.request;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import jakarta.inject.Singleton;

import java.io.IOException;

/**
 * Request strings must be JSON strings. Serde, like Jackson, would otherwise take {@code 12} as {@code "12"} and
 * {@code ["a"]} as {@code "a"}, and keep unpaired UTF-16 surrogates ({@code "\ud800"}) that DynamoDB would store
 * as {@code ?}: a client sending those has a bug, and we would rather tell it than guess.
 */
@Singleton
class StrictStrings implements Deserializer<String> {

    @Override
    public String deserialize(Decoder decoder, DecoderContext context, Argument<? super String> type) throws IOException {
        Object value = decoder.decodeArbitrary();
        if (!(value instanceof String text)) {
            throw decoder.createDeserializationException("Expected a string", value);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw decoder.createDeserializationException("A string holds an unpaired UTF-16 surrogate", null);
            }
        }
        return text;
    }
}
