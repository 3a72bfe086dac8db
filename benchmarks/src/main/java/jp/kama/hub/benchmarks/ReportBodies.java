package jp.kama.hub.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import jp.kama.hub.contracts.cases.model.ReportCategory;

/**
 * Bodies for {@code POST /api/reports}: valid reports at points inside Kama City, chosen so that
 * case-service opens a new case for nearly every one instead of merging it.
 *
 * <p>case-service merges a report into an open case of the same category within 50 m (and 6 h).
 * Random points would collide more and more as a run goes on (tens of thousands of reports in a
 * 2 km disk), turning the benchmark of the intake path into a benchmark of the merge path. So
 * the points lie on a square lattice with {@code spacing} (default 55 m, more than 50 m even
 * after the differences between distance formulas) inside a disk around the city centre, each
 * (category, lattice point) pair is used once, in shuffled order. With the defaults the disk
 * holds about 4,150 points, i.e. about 37,000 distinct reports; only after those are used up
 * does the next pass (a lattice shifted by a random offset) make merges possible, and
 * {@link #passes()} tells the caller that happened. Cases left open by an earlier run against the
 * same stack can still attract merges; the benchmark counts them.
 */
final class ReportBodies {

    /** Metres per degree of latitude (mean Earth radius 6,371 km). */
    static final double METRES_PER_DEGREE = 111_195.0;

    private static final String[] DESCRIPTIONS = {
            "裏山の斜面が崩れて市道をふさいでいる (benchmark)",
            "道路が冠水して車が通れない (benchmark)",
            "倒木で通行止め (benchmark)",
            "路面に亀裂、段差あり (benchmark)",
            "停電が続いている (benchmark)",
    };

    private final double centreLatitude;
    private final double centreLongitude;
    private final double radiusMetres;
    private final double spacingMetres;
    private final Random random;
    private final List<ReportCategory> categories = List.of(ReportCategory.values());
    private final AtomicInteger next = new AtomicInteger();
    private volatile List<Slot> slots;
    private volatile int passes;

    /** A point in a category, in degrees. */
    record Slot(ReportCategory category, double latitude, double longitude) {
    }

    ReportBodies(double centreLatitude, double centreLongitude, double radiusMetres, double spacingMetres, long seed) {
        if (spacingMetres <= 0 || radiusMetres < spacingMetres) {
            throw new IllegalArgumentException("need 0 < spacing <= radius");
        }
        this.centreLatitude = centreLatitude;
        this.centreLongitude = centreLongitude;
        this.radiusMetres = radiusMetres;
        this.spacingMetres = spacingMetres;
        this.random = new Random(seed);
        this.slots = lattice();
        this.passes = 1;
    }

    /** The next report as JSON; thread-safe. */
    String nextJson() {
        Slot s = nextSlot();
        return String.format(Locale.ROOT,
                "{\"category\":\"%s\",\"location\":{\"latitude\":%.6f,\"longitude\":%.6f},\"description\":\"%s\"}",
                s.category().getValue(), s.latitude(), s.longitude(),
                DESCRIPTIONS[Math.floorMod(s.hashCode(), DESCRIPTIONS.length)]);
    }

    Slot nextSlot() {
        while (true) {
            List<Slot> current = slots;
            int i = next.getAndIncrement();
            if (i < current.size()) {
                return current.get(i);
            }
            synchronized (this) {
                if (slots == current) {
                    slots = lattice();
                    passes++;
                    next.set(0);
                }
            }
        }
    }

    /** Distinct (category, point) pairs per pass. */
    int slotsPerPass() {
        return slots.size();
    }

    /** 1 while no two reports of one category came within {@code spacing} of each other. */
    int passes() {
        return passes;
    }

    private synchronized List<Slot> lattice() {
        double offsetX = random.nextDouble() * spacingMetres;
        double offsetY = random.nextDouble() * spacingMetres;
        double metresPerDegreeLongitude = METRES_PER_DEGREE * Math.cos(Math.toRadians(centreLatitude));
        int steps = (int) Math.ceil(radiusMetres / spacingMetres) + 1;
        List<Slot> out = new ArrayList<>();
        for (int ix = -steps; ix <= steps; ix++) {
            for (int iy = -steps; iy <= steps; iy++) {
                double x = ix * spacingMetres + offsetX;
                double y = iy * spacingMetres + offsetY;
                if (Math.hypot(x, y) > radiusMetres) {
                    continue;
                }
                double lat = centreLatitude + y / METRES_PER_DEGREE;
                double lon = centreLongitude + x / metresPerDegreeLongitude;
                for (ReportCategory c : categories) {
                    out.add(new Slot(c, lat, lon));
                }
            }
        }
        Collections.shuffle(out, random);
        return List.copyOf(out);
    }

    /** Great-circle distance in metres (haversine), for checking the spacing. */
    static double distanceMetres(double lat1, double lon1, double lat2, double lon2) {
        double r = METRES_PER_DEGREE * 180 / Math.PI;
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * r * Math.asin(Math.sqrt(a));
    }
}
