package jp.kama.hub.cases.casefile;

import java.util.Objects;

/**
 * What a caller reported. {@code contact} is personal data and may be null; {@code exercise}: a drill's report (訓練).
 */
public record ReportDetails(Category category, GeoPoint location, String addressText, String description, Contact contact,
                            boolean exercise) {

    /** A real report (not a drill's). */
    public ReportDetails(Category category, GeoPoint location, String addressText, String description, Contact contact) {
        this(category, location, addressText, description, contact, false);
    }

    public ReportDetails {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(location, "location");
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("a report needs a description");
        }
    }

    /** How to reach the reporter, only with their consent. */
    public record Contact(String name, String phone, String email, boolean consentToContact) {
    }
}
