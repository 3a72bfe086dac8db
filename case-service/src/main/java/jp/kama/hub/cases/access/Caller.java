package jp.kama.hub.cases.access;

import java.util.Set;

import jp.kama.hub.cases.casefile.Channel;
import jp.kama.hub.cases.casefile.Department;
import jp.kama.hub.platform.security.roles.KeycloakRoles;

/**
 * The authenticated caller, from the access token: subject, realm roles, the {@code department}
 * claim of department staff and the OAuth client ({@code azp}) a partner system calls with.
 */
public record Caller(String subject, Set<String> roles, Department department, String clientId) {

    public boolean has(String role) {
        return roles.contains(role);
    }

    /** Disaster-response staff and admins see and work every case. */
    public boolean seesAllCases() {
        return has(KeycloakRoles.DISASTER_STAFF) || has(KeycloakRoles.ADMIN);
    }

    /** The kind of caller a report comes from; partner wins over staff over citizen. */
    public Channel channel() {
        if (has(KeycloakRoles.PARTNER)) {
            return Channel.PARTNER;
        }
        if (has(KeycloakRoles.DISASTER_STAFF)) {
            return Channel.STAFF;
        }
        return Channel.CITIZEN;
    }

    /** The role name an audit line records: the most privileged one the caller acted with. */
    public String mainRole() {
        for (String r : new String[] {KeycloakRoles.ADMIN, KeycloakRoles.DISASTER_STAFF, KeycloakRoles.DEPARTMENT_STAFF,
                KeycloakRoles.SHELTER_STAFF, KeycloakRoles.PARTNER, KeycloakRoles.CITIZEN}) {
            if (has(r)) {
                return r;
            }
        }
        return "none";
    }
}
