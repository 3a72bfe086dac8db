package jp.kama.hub.disasters.shelter;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A shelter: master data, whether it is opened, how many people stay, and the status derived
 * from those under the thresholds in force. Immutable; each change returns the new shelter
 * and, through {@link Change}, whether the status really changed, which is what decides if a
 * {@code ShelterStatusChanged} event is due, and through {@link Change#occupancyChanged()} whether
 * a new count is to be published.
 */
public record Shelter(ShelterMaster master, boolean opened, int occupancy, ShelterStatus status, Instant asOf) {

    /** A shelter just loaded: not opened, nobody inside. */
    public static Shelter registered(ShelterMaster master, Instant now) {
        return new Shelter(master, false, 0, ShelterStatus.CLOSED, now.truncatedTo(ChronoUnit.MICROS));
    }

    public String id() {
        return master.id();
    }

    public int capacity() {
        return master.capacity();
    }

    public Change withMaster(ShelterMaster newMaster, Thresholds t, Instant now) {
        return derive(newMaster, opened, occupancy, t, now, StatusReason.OCCUPANCY);
    }

    public Change open(Thresholds t, Instant now) {
        return derive(master, true, occupancy, t, now, StatusReason.OPENED);
    }

    public Change close(StatusReason reason, Thresholds t, Instant now) {
        return derive(master, false, occupancy, t, now, reason);
    }

    public Change withOccupancy(int newOccupancy, Thresholds t, Instant now) {
        if (newOccupancy < 0) {
            throw new IllegalArgumentException("occupancy cannot be negative");
        }
        return derive(master, opened, newOccupancy, t, now, StatusReason.OCCUPANCY);
    }

    public Change rederive(Thresholds t, Instant now) {
        return derive(master, opened, occupancy, t, now, StatusReason.THRESHOLDS_CHANGED);
    }

    private Change derive(ShelterMaster m, boolean o, int occ, Thresholds t, Instant now, StatusReason reason) {
        ShelterStatus s = ShelterStatus.derive(o, occ, m.capacity(), t);
        boolean same = m.equals(master) && o == opened && occ == occupancy && s == status;
        Shelter after = same ? this : new Shelter(m, o, occ, s, after(now));
        return new Change(this, after, s == status ? Optional.empty() : Optional.of(reason));
    }

    /**
     * When a change made at {@code now} took effect: to the microsecond (what PostgreSQL keeps, so
     * the time in an event is the time stored), and always after this shelter's {@code asOf}, even
     * if the clock stepped back or two changes fall in one microsecond. Consumers keep the snapshot
     * with the latest {@code asOf}; a change must never look older than the one before it.
     */
    private Instant after(Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        return at.isAfter(asOf) ? at : asOf.truncatedTo(ChronoUnit.MICROS).plus(1, ChronoUnit.MICROS);
    }

    /**
     * The shelter before and after; {@code statusChange} is present only when the status
     * differs, with the reason it changed.
     */
    public record Change(Shelter before, Shelter after, Optional<StatusReason> statusChange) {

        public boolean changedAnything() {
            return before != after;
        }

        /** How many people stay changed; each such count is published with its time. */
        public boolean occupancyChanged() {
            return before.occupancy() != after.occupancy();
        }
    }
}
