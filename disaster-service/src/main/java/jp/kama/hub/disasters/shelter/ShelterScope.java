package jp.kama.hub.disasters.shelter;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

import jp.kama.hub.disasters.errors.NotAllowedException;

/**
 * The shelters a staff member may change: every shelter for disaster staff, only the shelters
 * their account is bound to for shelter staff (the token's {@code shelters} claim, from the
 * Keycloak user attribute of the same name). A shelter-staff account bound to none may change
 * none: the rule fails closed, a missing attribute never means "all".
 */
public record ShelterScope(boolean everyShelter, Set<String> shelters) {

    public ShelterScope {
        shelters = Set.copyOf(shelters);
    }

    public static ShelterScope every() {
        return new ShelterScope(true, Set.of());
    }

    public static ShelterScope only(Collection<String> shelterIds) {
        return new ShelterScope(false, Set.copyOf(shelterIds));
    }

    public boolean covers(String shelterId) {
        return everyShelter || shelters.contains(shelterId);
    }

    /** @throws NotAllowedException (403) naming the caller's own shelters when this one is not among them */
    public void require(String shelterId) {
        if (covers(shelterId)) {
            return;
        }
        throw new NotAllowedException(shelters.isEmpty()
                ? "Your account is bound to no shelter: ask an administrator to set your shelters, or ask disaster staff to do this."
                : "Shelter " + shelterId + " is not yours: your account may change only " + String.join(", ", new TreeSet<>(shelters)) + ".");
    }
}
