package jp.kama.hub.disasters.shelter;

import jp.kama.hub.disasters.config.CurrentCaller;
import jp.kama.hub.platform.security.roles.KeycloakRoles;

/**
 * The shelters the caller of this request may change (the filter chain already let only shelter
 * and disaster staff through): disaster staff every one, shelter staff those in their token's
 * {@code shelters} claim. The controllers check it before looking the shelter up, so to shelter
 * staff an unknown id and another's shelter both answer 403.
 */
public final class CallersShelters {

    /** The access-token claim naming a shelter-staff member's own shelters (Keycloak user attribute {@code shelters}). */
    public static final String CLAIM = "shelters";

    private CallersShelters() {
    }

    public static ShelterScope scope() {
        return CurrentCaller.hasRole(KeycloakRoles.DISASTER_STAFF)
                ? ShelterScope.every()
                : ShelterScope.only(CurrentCaller.stringsClaim(CLAIM));
    }
}
