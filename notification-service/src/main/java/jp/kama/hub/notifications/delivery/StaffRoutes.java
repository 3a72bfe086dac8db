package jp.kama.hub.notifications.delivery;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Name;

/**
 * {@code kama.staff-notices.*}: where staff notices go. Each department code
 * ({@code departments.road}) and each role ({@code roles.disaster-staff}) may have LINE ids
 * (a group {@code C…}, a room {@code R…} or a user {@code U…}) and e-mail addresses; a
 * department or role without a usable route (none configured, or only on a disabled channel)
 * gets the {@code default} route instead, so a notice never goes nowhere silently.
 *
 * <p>These addresses are staff contact points (shared mailboxes, duty groups), configuration
 * rather than personal data; the delivery log records them as the recipient.
 *
 * @param fallback    {@code kama.staff-notices.default}: the on-duty disaster-response desk
 * @param departments routes by responsible department code of the case contract (lower case)
 * @param roles       routes by Keycloak realm role
 */
@ConfigurationProperties("kama.staff-notices")
public record StaffRoutes(@Name("default") Route fallback, Map<String, Route> departments, Map<String, Route> roles) {

    public StaffRoutes {
        fallback = fallback == null ? Route.NONE : fallback;
        departments = departments == null ? Map.of() : Map.copyOf(departments);
        roles = roles == null ? Map.of() : Map.copyOf(roles);
    }

    /** One address on one channel ({@code LINE} or {@code EMAIL}). */
    public record Address(String channel, String address) {
    }

    /** LINE ids and e-mail addresses; blanks are ignored (an unset environment variable). */
    public record Route(List<String> line, List<String> email) {

        static final Route NONE = new Route(List.of(), List.of());

        public Route {
            line = clean(line);
            email = clean(email);
        }

        List<Address> addresses() {
            List<Address> all = new ArrayList<>();
            line.forEach(a -> all.add(new Address("LINE", a)));
            email.forEach(a -> all.add(new Address("EMAIL", a)));
            return all;
        }

        private static List<String> clean(List<String> values) {
            return values == null ? List.of() : values.stream().filter(v -> v != null && !v.isBlank()).map(String::strip).toList();
        }
    }

    /**
     * The addresses a notice for {@code audience} goes to: every department's and role's own
     * route on a channel that is {@code enabled}, or the default route for one that has none;
     * no address twice.
     */
    public Set<Address> addressesFor(StaffAudience audience, Predicate<String> enabled) {
        Set<Address> out = new LinkedHashSet<>();
        List<Route> routes = new ArrayList<>();
        audience.departments().forEach(d -> routes.add(departments.getOrDefault(d, Route.NONE)));
        audience.roles().forEach(r -> routes.add(roles.getOrDefault(r, Route.NONE)));
        if (routes.isEmpty()) {
            routes.add(Route.NONE);
        }
        for (Route route : routes) {
            List<Address> usable = route.addresses().stream().filter(a -> enabled.test(a.channel())).toList();
            out.addAll(usable.isEmpty()
                    ? fallback.addresses().stream().filter(a -> enabled.test(a.channel())).toList()
                    : usable);
        }
        return out;
    }
}
