package jp.kama.hub.cases.location;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jp.kama.hub.cases.casefile.GeoPoint;
import jp.kama.hub.contracts.district.District;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Kama City's four districts as polygons, from a GeoJSON FeatureCollection whose features carry
 * {@code properties.district} (YAMADA, INATSUKI, USUI, KAHO) and a Polygon or MultiPolygon.
 * The city is their union, so a point is inside the city exactly when it has a district.
 * Geometries are prepared once: a lookup is a few microseconds, fine on the intake path.
 */
@Component
public class CityBoundary {

    private final GeometryFactory geometry = new GeometryFactory();
    private final Map<District, PreparedGeometry> districts = new LinkedHashMap<>();

    CityBoundary(@Value("${kama.cases.boundary:classpath:boundary/kama-city-districts.geojson}") Resource source, JsonMapper json) {
        try (InputStream in = source.getInputStream()) {
            JsonNode root = json.readTree(in);
            for (JsonNode feature : root.get("features")) {
                District district = District.valueOf(feature.get("properties").get("district").asString());
                Geometry g = toGeometry(feature.get("geometry"));
                PreparedGeometry previous = districts.get(district);
                Geometry merged = previous == null ? g : previous.getGeometry().union(g);
                districts.put(district, PreparedGeometryFactory.prepare(merged));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the city boundary " + source, e);
        }
        if (districts.size() != District.values().length) {
            throw new IllegalStateException("the city boundary " + source + " must have all four districts, has " + districts.keySet());
        }
    }

    /** The district the point lies in; empty when it lies outside Kama City. */
    public Optional<District> districtOf(GeoPoint p) {
        Geometry point = geometry.createPoint(new Coordinate(p.longitude(), p.latitude()));
        for (Map.Entry<District, PreparedGeometry> e : districts.entrySet()) {
            if (e.getValue().covers(point)) {
                return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }

    private Geometry toGeometry(JsonNode g) {
        String type = g.get("type").asString();
        JsonNode coordinates = g.get("coordinates");
        return switch (type) {
            case "Polygon" -> polygon(coordinates);
            case "MultiPolygon" -> {
                List<Polygon> parts = new ArrayList<>();
                coordinates.forEach(p -> parts.add(polygon(p)));
                yield geometry.createMultiPolygon(parts.toArray(Polygon[]::new));
            }
            default -> throw new IllegalStateException("district geometry must be Polygon or MultiPolygon, not " + type);
        };
    }

    private Polygon polygon(JsonNode rings) {
        LinearRing shell = ring(rings.get(0));
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int i = 1; i < rings.size(); i++) {
            holes[i - 1] = ring(rings.get(i));
        }
        return geometry.createPolygon(shell, holes);
    }

    private LinearRing ring(JsonNode positions) {
        Coordinate[] c = new Coordinate[positions.size()];
        for (int i = 0; i < c.length; i++) {
            c[i] = new Coordinate(positions.get(i).get(0).asDouble(), positions.get(i).get(1).asDouble());
        }
        return geometry.createLinearRing(c);
    }
}
