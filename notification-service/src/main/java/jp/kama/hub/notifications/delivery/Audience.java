package jp.kama.hub.notifications.delivery;

import java.util.List;

/**
 * Who hears about an event: subscribers of {@code topic} who chose one of {@code districts},
 * or (for their own reports) the subscribers whose token subject is in {@code subjects}.
 */
public record Audience(String topic, List<String> districts, List<String> subjects) {

    public static Audience inDistricts(String topic, List<String> districts) {
        return new Audience(topic, List.copyOf(districts), null);
    }

    public static Audience subjects(String topic, List<String> subjects) {
        return new Audience(topic, null, List.copyOf(subjects));
    }
}
