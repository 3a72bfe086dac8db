package jp.kama.hub.disasters.shelter;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jp.kama.hub.disasters.errors.ConflictException;
import jp.kama.hub.disasters.errors.InvalidInputException;
import jp.kama.hub.disasters.errors.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Shelter use cases. Each runs in one transaction with the events it records, so a change and
 * its event commit together or not at all: {@code ShelterStatusChanged} when {@link
 * Shelter.Change} says the status really changed, else {@code ShelterOccupancyChanged} when the
 * count changed.
 */
@Service
public class Shelters {

    private final ShelterRepository repo;
    private final ShelterEventSink events;
    private final ShelterProperties props;
    private final Clock clock;

    Shelters(ShelterRepository repo, ShelterEventSink events, ShelterProperties props, Clock clock) {
        this.repo = repo;
        this.events = events;
        this.props = props;
        this.clock = clock;
    }

    /** What an import did. */
    public record ImportOutcome(int rows, int created, int updated, int unchanged) {
    }

    /** The occupancy after a check-in or check-out, and whether it was a repeat. */
    public record Occupancy(Shelter shelter, boolean repeated) {
    }

    /** Where a shelter is, for hazard checks. */
    public record Location(String id, String name, double latitude, double longitude) {
    }

    /** A person's stay in a shelter; {@code checkedOutAt} null while still there. */
    public record Stay(String shelterId, String shelterName, Instant checkedInAt, @org.jspecify.annotations.Nullable Instant checkedOutAt) {
    }

    /**
     * Every stay of the person (by the pseudonymous {@code personRef} a check-in was counted
     * under), oldest first: for the disaster-victim ledger. The value is never logged.
     */
    @Transactional(readOnly = true)
    public List<Stay> staysOf(String personRef) {
        return repo.staysOf(personRef);
    }

    @Transactional
    public ImportOutcome importCsv(byte[] csv, boolean sample) {
        List<ShelterMaster> rows = OpenDataCsv.parse(csv, sample);
        Thresholds t = thresholds();
        Instant now = clock.instant();
        int created = 0;
        int updated = 0;
        // rows in id order: two imports (or an import and a threshold change) lock shelters in the same order
        for (ShelterMaster m : rows.stream().sorted(java.util.Comparator.comparing(ShelterMaster::id)).toList()) {
            Optional<Shelter> existing = repo.lock(m.id());
            if (existing.isEmpty()) {
                Shelter s = Shelter.registered(m, now);
                repo.insert(s);
                events.registered(s);
                created++;
            } else if (!existing.get().master().equals(m)) {
                Shelter.Change c = existing.get().withMaster(m, t, now);
                repo.update(c.after());
                events.registered(c.after());
                c.statusChange().ifPresent(r -> events.statusChanged(c.after(), c.before().status(), r));
                updated++;
            }
        }
        return new ImportOutcome(rows.size(), created, updated, rows.size() - created - updated);
    }

    @Transactional
    public boolean loadSampleIfEmpty(byte[] csv) {
        if (repo.count() > 0) {
            return false;
        }
        importCsv(csv, true);
        return true;
    }

    @Transactional(readOnly = true)
    public List<Shelter> all() {
        return repo.all();
    }

    @Transactional(readOnly = true)
    public Shelter get(String id) {
        return repo.find(id).orElseThrow(() -> notFound(id));
    }

    @Transactional(readOnly = true)
    public List<Location> locations() {
        return repo.all().stream().map(s -> new Location(s.id(), s.master().name(), s.master().latitude(), s.master().longitude())).toList();
    }

    @Transactional
    public Shelter open(String id) {
        Shelter s = repo.lock(id).orElseThrow(() -> notFound(id));
        return apply(s.open(thresholds(), clock.instant()));
    }

    @Transactional
    public Shelter close(String id, StatusReason reason) {
        Shelter s = repo.lock(id).orElseThrow(() -> notFound(id));
        return apply(s.close(reason, thresholds(), clock.instant()));
    }

    /** Counts the person once per stay; the shelter must be open. */
    @Transactional
    public Occupancy checkIn(String id, PersonRef person) {
        Shelter s = repo.lock(id).orElseThrow(() -> notFound(id));
        if (!s.opened()) {
            throw new ConflictException("Shelter " + id + " is closed; open it before checking people in.");
        }
        Instant now = clock.instant();
        if (!repo.startStay(id, person.value(), now)) {
            return new Occupancy(s, true);
        }
        return new Occupancy(apply(s.withOccupancy(s.occupancy() + 1, thresholds(), now)), false);
    }

    @Transactional
    public Occupancy checkOut(String id, PersonRef person) {
        Shelter s = repo.lock(id).orElseThrow(() -> notFound(id));
        Instant now = clock.instant();
        if (!repo.endStay(id, person.value(), now)) {
            return new Occupancy(s, true);
        }
        return new Occupancy(apply(s.withOccupancy(Math.max(0, s.occupancy() - 1), thresholds(), now)), false);
    }

    @Transactional(readOnly = true)
    public Thresholds thresholds() {
        return repo.storedThresholds().orElseGet(() -> new Thresholds(props.crowdedPercent(), props.fullPercent()));
    }

    /** New thresholds; each shelter whose status changes under them gets THRESHOLDS_CHANGED. */
    @Transactional
    public Thresholds setThresholds(int crowdedPercent, int fullPercent, String by) {
        if (fullPercent <= crowdedPercent) {
            throw InvalidInputException.unprocessable("fullPercent", "must be greater than crowdedPercent");
        }
        Thresholds next = new Thresholds(crowdedPercent, fullPercent);
        if (next.equals(thresholds())) {
            return next;
        }
        Instant now = clock.instant();
        List<Shelter> shelters = repo.lockAll();
        repo.storeThresholds(next, by, now);
        for (Shelter s : shelters) {
            apply(s.rederive(next, now));
        }
        return next;
    }

    /**
     * Stores the change and records one event for it: a status change (which carries the new
     * count too), or else a new count, so every published count has the time it became true.
     */
    private Shelter apply(Shelter.Change c) {
        if (c.changedAnything()) {
            repo.update(c.after());
        }
        c.statusChange().ifPresentOrElse(r -> events.statusChanged(c.after(), c.before().status(), r), () -> {
            if (c.occupancyChanged()) {
                events.occupancyChanged(c.after());
            }
        });
        return c.after();
    }

    private static NotFoundException notFound(String id) {
        return new NotFoundException("Shelter not found", "No shelter " + id + ".");
    }
}
