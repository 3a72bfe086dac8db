package jp.kama.hub.disasters.resident;

import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One person's resident record as disaster-service keeps it in memory: the contract's
 * {@code Resident} without its transport types. Codes are the contract's code names
 * ({@code sex} MALE/FEMALE, {@code status} RESIDENT/MOVED_OUT/DECEASED/…, {@code district}
 * YAMADA/…). Personal data: never logged, never put in an event.
 */
public record ResidentRecord(String atenaNumber, String householdNumber, String nameKanji, String nameKana,
                             LocalDate birthDate, String sex, String address, String town, String district,
                             String status, @Nullable LocalDate removedOn, List<Member> household, boolean sample) {

    /** A member of the household (the person included), 世帯主 first. */
    public record Member(String atenaNumber, String nameKanji, String nameKana, LocalDate birthDate, String sex,
                         boolean householdHead, String relationship, String status) {
    }

    /** Whether the record is in force (not 転出, 死亡 or otherwise removed). */
    public boolean inForce() {
        return status.equals("RESIDENT");
    }
}
