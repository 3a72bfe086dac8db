package jp.kama.hub.cases.intake;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.TreeSet;

import jp.kama.hub.cases.casefile.Case;
import jp.kama.hub.cases.casefile.CaseRepository;
import jp.kama.hub.cases.casefile.Category;
import jp.kama.hub.cases.casefile.GeoPoint;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Finds the open case a new report duplicates: same category, within {@code radius} of the
 * case's first report, and the case's last report within {@code window}.
 *
 * <p>Concurrency: two near-identical reports arriving together must not both open a case.
 * Before searching, the intake transaction takes PostgreSQL advisory locks (released at
 * commit) on the grid cells its search disk touches, for that category. Cells are
 * 2 × radius wide, so a disk touches at most a 2 × 2 block of them. If two reports are within
 * the radius of each other, each one's point lies in the other's disk, so their blocks share a
 * cell and the second waits until the first has committed its new case, and then finds it.
 * Locks are taken in ascending key order, so two transactions never deadlock. Reports far apart never
 * wait for each other.
 */
@Component
class DuplicateFinder {

    private static final double METRES_PER_DEGREE_LAT = 111_320.0;
    private static final double EARTH_RADIUS_M = 6_371_008.8;

    private final CaseRepository cases;
    private final JdbcClient jdbc;
    private final double radiusMetres;
    private final Duration window;

    DuplicateFinder(CaseRepository cases, JdbcClient jdbc,
                    @Value("${kama.cases.duplicates.radius-metres:50}") double radiusMetres,
                    @Value("${kama.cases.duplicates.window:6h}") Duration window) {
        this.cases = cases;
        this.jdbc = jdbc;
        this.radiusMetres = radiusMetres;
        this.window = window;
    }

    /** Serializes intake of reports of this category near this point, until the transaction ends. */
    void lockNeighbourhood(Category category, GeoPoint p) {
        double cellLat = 2 * radiusMetres / METRES_PER_DEGREE_LAT;
        double cellLon = cellLat / Math.cos(Math.toRadians(p.latitude()));
        double dLat = radiusMetres / METRES_PER_DEGREE_LAT;
        double dLon = dLat / Math.cos(Math.toRadians(p.latitude()));
        TreeSet<String> keys = new TreeSet<>();
        for (double lat : new double[] {p.latitude() - dLat, p.latitude() + dLat}) {
            for (double lon : new double[] {p.longitude() - dLon, p.longitude() + dLon}) {
                keys.add(category.name() + ":" + (long) Math.floor(lat / cellLat) + ":" + (long) Math.floor(lon / cellLon));
            }
        }
        // one round trip; locks are taken in ascending order of their 64-bit key
        jdbc.sql("""
                select pg_advisory_xact_lock(h)
                  from (select distinct hashtextextended(k, 0) as h from unnest(cast(:keys as text[])) as k order by 1) as cells""")
                .param("keys", keys.toArray(String[]::new))
                .query((rs, i) -> 1)
                .list();
    }

    /** The nearest open case this report duplicates, if any. */
    Optional<Case> openCaseNear(Category category, GeoPoint p, Instant now, boolean exercise) {
        double dLat = radiusMetres / METRES_PER_DEGREE_LAT;
        double dLon = dLat / Math.cos(Math.toRadians(p.latitude()));
        return cases.findOpenNear(category, p.latitude() - dLat, p.latitude() + dLat, p.longitude() - dLon,
                        p.longitude() + dLon, now.minus(window), exercise).stream()
                .filter(c -> metres(c.location(), p) <= radiusMetres)
                .min(Comparator.comparingDouble(c -> metres(c.location(), p)));
    }

    /** Great-circle distance (haversine); exact enough at 50 m. */
    static double metres(GeoPoint a, GeoPoint b) {
        double dLat = Math.toRadians(b.latitude() - a.latitude());
        double dLon = Math.toRadians(b.longitude() - a.longitude());
        double h = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(a.latitude())) * Math.cos(Math.toRadians(b.latitude())) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(h));
    }
}
