package dev.ripple.local.console;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/**
 * What a sink did, as the console shows it.
 *
 * @param kind   {@code slack}, {@code email}, {@code badge}, {@code event} or {@code audit}
 * @param fields the effect's own fields: {@code text}; {@code from} (when the sink says), {@code to},
 *               {@code subject}, {@code text} (the email's HTML is served apart, in a sandbox); {@code playerId},
 *               {@code badgeId}, {@code earnedAt}; {@code source}, {@code detailType}, {@code detail}; {@code line}
 */
// Every member, empty lists and nulls too: the page reads them without guessing.
@JsonInclude(JsonInclude.Include.ALWAYS)
@Serdeable
public record EffectView(long seq, String at, String sink, String kind, String eventId, Map<String, String> fields) {
}
