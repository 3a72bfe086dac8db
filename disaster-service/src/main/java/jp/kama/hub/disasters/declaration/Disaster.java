package jp.kama.hub.disasters.declaration;

import java.time.Instant;
import java.util.UUID;

import jp.kama.hub.disasters.errors.ConflictException;
import jp.kama.hub.disasters.shelter.HazardType;

/** A declared disaster; evacuation information is issued under an active one. {@code exercise}: a drill (訓練). */
public record Disaster(UUID id, String name, HazardType kind, Instant declaredAt, String declaredBy, Instant endedAt,
                       String endedBy, boolean exercise) {

    public static Disaster declare(String name, HazardType kind, String by, Instant now) {
        return declare(name, kind, false, by, now);
    }

    /** {@code exercise}: a drill (訓練), fixed at the declaration. */
    public static Disaster declare(String name, HazardType kind, boolean exercise, String by, Instant now) {
        return new Disaster(UUID.randomUUID(), name, kind, now, by, null, null, exercise);
    }

    public boolean active() {
        return endedAt == null;
    }

    public Disaster end(String by, Instant now) {
        if (!active()) {
            throw new ConflictException("Disaster " + id + " has already ended.");
        }
        return new Disaster(id, name, kind, declaredAt, declaredBy, now, by, exercise);
    }
}
