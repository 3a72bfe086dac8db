package jp.kama.hub.drill;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Kama City's four districts as polygons, read from the same GeoJSON case-service places reports
 * with ({@code boundary/kama-city-districts.geojson} in contracts). A random point of a district
 * is drawn inside its bounding box until it falls inside the polygon (ray casting), with a margin
 * from the edge so that case-service puts it in the same district.
 */
final class Districts {

    static final String RESOURCE = "boundary/kama-city-districts.geojson";

    /** One polygon ring as {longitude, latitude} pairs. */
    record Area(String district, String name, List<double[]> ring, double minLon, double maxLon, double minLat, double maxLat) {

        boolean contains(double lon, double lat) {
            boolean inside = false;
            for (int i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
                double[] a = ring.get(i);
                double[] b = ring.get(j);
                if ((a[1] > lat) != (b[1] > lat) && lon < (b[0] - a[0]) * (lat - a[1]) / (b[1] - a[1]) + a[0]) {
                    inside = !inside;
                }
            }
            return inside;
        }

        /** Inside, and {@code margin} degrees (about 110 m per 0.001) from the edge in the four directions. */
        boolean containsWithMargin(double lon, double lat, double margin) {
            return contains(lon, lat) && contains(lon + margin, lat) && contains(lon - margin, lat)
                    && contains(lon, lat + margin) && contains(lon, lat - margin);
        }

        /** {latitude, longitude} of a random point well inside. */
        double[] randomPoint(RandomGenerator random) {
            for (int attempt = 0; attempt < 10_000; attempt++) {
                double lon = minLon + random.nextDouble() * (maxLon - minLon);
                double lat = minLat + random.nextDouble() * (maxLat - minLat);
                if (containsWithMargin(lon, lat, 0.002)) {
                    return new double[] {round(lat), round(lon)};
                }
            }
            throw new IllegalStateException("no point found inside district " + district);
        }
    }

    private final Map<String, Area> areas;

    private Districts(Map<String, Area> areas) {
        this.areas = areas;
    }

    static Districts load() {
        try (InputStream in = Districts.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path (module contracts)");
            }
            JsonNode root = JsonMapper.builder().build().readTree(in);
            Map<String, Area> areas = new LinkedHashMap<>();
            for (JsonNode feature : root.get("features")) {
                JsonNode g = feature.get("geometry");
                JsonNode ringNode = switch (g.get("type").asString()) {
                    case "Polygon" -> g.get("coordinates").get(0);
                    case "MultiPolygon" -> g.get("coordinates").get(0).get(0); // the first part is enough to draw from
                    default -> throw new IllegalStateException("unexpected geometry " + g.get("type"));
                };
                List<double[]> ring = new ArrayList<>();
                double minLon = 180, maxLon = -180, minLat = 90, maxLat = -90;
                for (JsonNode c : ringNode) {
                    double lon = c.get(0).asDouble();
                    double lat = c.get(1).asDouble();
                    ring.add(new double[] {lon, lat});
                    minLon = Math.min(minLon, lon);
                    maxLon = Math.max(maxLon, lon);
                    minLat = Math.min(minLat, lat);
                    maxLat = Math.max(maxLat, lat);
                }
                String district = feature.get("properties").get("district").asString();
                String name = feature.get("properties").path("name").asString(district);
                areas.put(district, new Area(district, name, List.copyOf(ring), minLon, maxLon, minLat, maxLat));
            }
            return new Districts(Map.copyOf(areas));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Area area(String district) {
        Area a = areas.get(district);
        if (a == null) {
            throw new IllegalArgumentException("unknown district " + district + "; districts: " + areas.keySet());
        }
        return a;
    }

    boolean has(String district) {
        return areas.containsKey(district);
    }

    static double round(double degrees) {
        return Math.round(degrees * 1e6) / 1e6;
    }
}
