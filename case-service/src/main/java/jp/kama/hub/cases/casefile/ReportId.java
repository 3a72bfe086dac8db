package jp.kama.hub.cases.casefile;

import java.util.Objects;
import java.util.UUID;

public record ReportId(UUID value) {
    public ReportId {
        Objects.requireNonNull(value, "report id");
    }

    public static ReportId random() {
        return new ReportId(UUID.randomUUID());
    }
}
