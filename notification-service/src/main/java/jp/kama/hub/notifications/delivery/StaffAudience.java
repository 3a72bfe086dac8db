package jp.kama.hub.notifications.delivery;

import java.util.List;

/**
 * Who a staff notice is meant for: responsible departments (case contract codes such as
 * {@code road}) and Keycloak realm roles (such as {@code disaster-staff}). {@link StaffRoutes}
 * turns them into LINE groups and e-mail addresses.
 */
public record StaffAudience(List<String> departments, List<String> roles) {

    public StaffAudience {
        departments = List.copyOf(departments);
        roles = List.copyOf(roles);
    }

    public static StaffAudience roles(String... roles) {
        return new StaffAudience(List.of(), List.of(roles));
    }

    public static StaffAudience department(String code) {
        return new StaffAudience(List.of(code), List.of());
    }
}
