package jp.kama.hub.disasters.evacuation;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import jp.kama.hub.contracts.district.District;


/**
 * The evacuation information in force in a district, and since when ({@code asOf});
 * {@code exercise}: issued under a drill (訓練) disaster.
 */
public record DistrictState(District district, Optional<AlertLevel> level, String message, UUID disasterId,
                            String disasterName, Instant issuedAt, String draftedBy, String approvedBy, Instant asOf,
                            boolean exercise) {
}
