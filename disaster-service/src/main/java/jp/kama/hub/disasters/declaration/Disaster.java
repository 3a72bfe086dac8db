package jp.kama.hub.disasters.declaration;

import java.time.Instant;
import java.util.UUID;

import jp.kama.hub.disasters.errors.ConflictException;
import jp.kama.hub.disasters.shelter.HazardType;

/** A declared disaster; evacuation information is issued under an active one. */
public record Disaster(UUID id, String name, HazardType kind, Instant declaredAt, String declaredBy, Instant endedAt,
                       String endedBy) {

    public static Disaster declare(String name, HazardType kind, String by, Instant now) {
        return new Disaster(UUID.randomUUID(), name, kind, now, by, null, null);
    }

    public boolean active() {
        return endedAt == null;
    }

    public Disaster end(String by, Instant now) {
        if (!active()) {
            throw new ConflictException("Disaster " + id + " has already ended.");
        }
        return new Disaster(id, name, kind, declaredAt, declaredBy, now, by);
    }
}
