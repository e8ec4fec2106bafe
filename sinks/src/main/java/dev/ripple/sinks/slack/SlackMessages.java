package dev.ripple.sinks.slack;

import dev.ripple.domain.ItemType;
import dev.ripple.domain.VoteType;
import dev.ripple.sink.ChangeEvent;

import java.util.Map;
import java.util.Optional;

/**
 * Turns changes into Slack mrkdwn text. Every piece of user text is escaped, so a voter cannot mention
 * people ({@code <!channel>}, {@code <@U123>}) or forge links ({@code <http://x|y>}).
 */
final class SlackMessages {
    private SlackMessages() {
    }

    /** The message for a change, or empty when the change has nothing to tell. */
    static Optional<String> describe(ChangeEvent event) {
        return describe(event.type(), event.newImage());
    }

    /** The message for one image of an item of the given type. */
    static Optional<String> describe(String type, Map<String, Object> image) {
        if (image == null) {
            return Optional.empty();
        }
        if (ItemType.VOTE.attributeValue().equals(type)) {
            return Optional.of(describeVote(image));
        }
        if (ItemType.BADGE.attributeValue().equals(type)) {
            return Optional.of(describeBadge(image));
        }
        return Optional.empty();
    }

    static String describeBadge(Map<String, Object> badge) {
        String player = badge.get("playerId") instanceof String id && !id.isBlank() ? escape(id) : "a player";
        String title = badge.get("badgeId") instanceof String id ? BADGE_TITLES.getOrDefault(id, escape(id)) : "a badge";
        return "🏅 *" + player + "* earned *" + title + "*";
    }

    /** Titles of the built-in badges (their ids are in the badges API); other ids are shown as they are. */
    private static final Map<String, String> BADGE_TITLES = Map.of(
            "first-play", "First play",
            "ten-day-streak", "Ten days in a row",
            "hundred-plays", "A hundred plays",
            "explorer", "Explorer: five different games");

    static String describeVote(Map<String, Object> vote) {
        String verdict = vote.get("voteType") instanceof String type
                ? VoteType.fromAttributeValue(type).map(SlackMessages::emoji).orElse(escape(type))
                : "a vote";
        String content = vote.get("contentId") instanceof String id ? escape(id) : "unknown content";
        String voter = vote.get("voter") instanceof String name && !name.isBlank() ? escape(name) : "someone";
        var text = new StringBuilder()
                .append(verdict).append(" for *").append(content).append("* from ").append(voter);
        if (vote.get("answers") instanceof Map<?, ?> answers && !answers.isEmpty()) {
            answers.forEach((question, answer) -> text.append("\n>*")
                    .append(escape(String.valueOf(question)))
                    .append("* ")
                    .append(escape(String.valueOf(answer)).replace("\n", "\n>")));
        }
        return text.toString();
    }

    /** Slack's mrkdwn escaping: only these three characters have to be replaced. */
    static String escape(String userText) {
        return userText.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String emoji(VoteType type) {
        return switch (type) {
            case THUMBSUP -> "👍";
            case THUMBSDOWN -> "👎";
        };
    }
}
