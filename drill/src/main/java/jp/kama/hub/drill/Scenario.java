package jp.kama.hub.drill;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A drill scenario as a city writes it (JSON; format in docs/drill.md). Times are scenario
 * seconds from the start; {@code --speed} divides them. Parsing checks every field and names
 * every mistake at once.
 */
record Scenario(String name, String title, double durationSeconds, Disaster disaster, List<Evacuation> evacuation,
        List<Shelter> shelters, List<ReportWave> reports, boolean cleanup) {

    static final Set<String> DISTRICTS = Set.of("YAMADA", "INATSUKI", "USUI", "KAHO");
    static final Set<String> CHANNELS = Set.of("CITIZEN", "STAFF", "PARTNER");
    static final Set<String> CATEGORIES = Set.of("LANDSLIDE", "FLOODING", "ROAD_DAMAGE", "FALLEN_TREE", "POWER_OUTAGE",
            "WATER_OUTAGE", "BUILDING_DAMAGE", "RESCUE_NEEDED", "OTHER");
    static final Set<String> HAZARDS = Set.of("FLOOD", "LANDSLIDE", "STORM_SURGE", "EARTHQUAKE", "TSUNAMI", "LARGE_FIRE",
            "INLAND_FLOOD", "VOLCANO");
    /** The shipped scenarios, in the jar under {@code scenarios/NAME.json}. */
    static final List<String> SHIPPED = List.of("heavy-rain-4-districts", "quick");

    /** The declared disaster: always an exercise, its name starts with the drill marker. */
    record Disaster(double atSeconds, String name, String kind) {
    }

    /** A district's evacuation level changes: drafted by one staff user, approved by another. {@code level} null lifts. */
    record Evacuation(double atSeconds, String district, Integer level, String message) {
    }

    /**
     * A shelter opens at {@code atSeconds} (by {@code by}: a demo user, see docs/drill.md), then
     * {@code manualCheckIns} people are checked in by hand and the holders of {@code cardCheckIns}
     * (development card names) by card, spread over {@code checkInsOverSeconds}.
     */
    record Shelter(double atSeconds, String shelterId, String by, int manualCheckIns, List<String> cardCheckIns,
            double checkInsOverSeconds) {
    }

    /**
     * {@code count} first reports inside {@code district} between the two times, channels and
     * categories drawn by weight; then {@code duplicates} more at the place and category of an
     * earlier one (within a few metres, later in time); {@code photos} of the CITIZEN or STAFF
     * reports get a phone-size JPEG.
     */
    record ReportWave(String district, double fromSeconds, double toSeconds, int count, Map<String, Integer> channels,
            Map<String, Integer> categories, int duplicates, int photos) {
    }

    static Scenario load(String fileOrName) {
        Path file = Path.of(fileOrName);
        if (Files.isRegularFile(file)) {
            try {
                String text = Files.readString(file);
                String lower = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
                return lower.endsWith(".yaml") || lower.endsWith(".yml") ? parseYaml(text, file.toString()) : parse(text, file.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try (InputStream in = Scenario.class.getClassLoader().getResourceAsStream("scenarios/" + fileOrName + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no scenario file " + fileOrName + " and no shipped scenario of that name; shipped: " + SHIPPED);
            }
            return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), fileOrName);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** YAML (1.1, SnakeYAML's safe loader: plain maps, lists and scalars only), then the same checks as JSON. */
    static Scenario parseYaml(String yaml, String source) {
        Object tree;
        try {
            tree = new org.yaml.snakeyaml.Yaml(new org.yaml.snakeyaml.constructor.SafeConstructor(new org.yaml.snakeyaml.LoaderOptions())).load(yaml);
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            throw new IllegalArgumentException(source + ": not YAML: " + e.getMessage());
        }
        JsonMapper mapper = JsonMapper.builder().build();
        return parse(mapper.writeValueAsString(tree), source);
    }

    static Scenario parse(String json, String source) {
        JsonNode root;
        try {
            root = JsonMapper.builder().build().readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(source + ": not JSON: " + e.getOriginalMessage());
        }
        List<String> errors = new ArrayList<>();
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(source + ": a scenario is a JSON object");
        }
        String name = text(root, "name", errors, true);
        String title = text(root, "title", errors, false);
        double duration = number(root, "durationSeconds", errors, true, 0);
        if (duration <= 0 && root.has("durationSeconds")) {
            errors.add("durationSeconds must be > 0");
        }
        Disaster disaster = null;
        JsonNode d = root.get("disaster");
        if (d == null || !d.isObject()) {
            errors.add("disaster: required object {atSeconds, name, kind}");
        } else {
            String kind = text(d, "kind", errors, true);
            if (kind != null && !HAZARDS.contains(kind)) {
                errors.add("disaster.kind: one of " + new java.util.TreeSet<>(HAZARDS));
            }
            disaster = new Disaster(number(d, "atSeconds", errors, false, 0), text(d, "name", errors, true), kind);
        }
        List<Evacuation> evacuation = new ArrayList<>();
        int i = 0;
        for (JsonNode e : array(root, "evacuation", errors)) {
            String at = "evacuation[" + i++ + "].";
            String district = district(e, at, errors);
            Integer level = null;
            if (e.has("level") && !e.get("level").isNull()) {
                int l = e.get("level").asInt(-1);
                if (!e.get("level").isIntegralNumber() || l < 3 || l > 5) {
                    errors.add(at + "level: 3, 4, 5 or null (lift)");
                } else {
                    level = l;
                }
            }
            evacuation.add(new Evacuation(time(e, at, "atSeconds", errors), district, level, e.path("message").asString(null)));
        }
        List<Shelter> shelters = new ArrayList<>();
        i = 0;
        for (JsonNode s : array(root, "shelters", errors)) {
            String at = "shelters[" + i++ + "].";
            String id = text(s, "shelterId", errors, true, at);
            String by = s.path("by").asString("staff");
            if (!Actors.USERS.containsKey(by)) {
                errors.add(at + "by: one of " + Actors.USERS.keySet());
            }
            List<String> cards = new ArrayList<>();
            s.path("cardCheckIns").forEach(c -> cards.add(c.asString()));
            if (!cards.isEmpty() && !"shelter".equals(by)) {
                errors.add(at + "cardCheckIns need a shelter terminal: by must be \"shelter\" (only shelter staff verify cards)");
            }
            int manual = s.path("manualCheckIns").asInt(0);
            if (manual < 0) {
                errors.add(at + "manualCheckIns must be >= 0");
            }
            shelters.add(new Shelter(time(s, at, "atSeconds", errors), id, by, manual, List.copyOf(cards),
                    s.path("checkInsOverSeconds").asDouble(0)));
        }
        List<ReportWave> reports = new ArrayList<>();
        i = 0;
        for (JsonNode r : array(root, "reports", errors)) {
            String at = "reports[" + i++ + "].";
            String district = district(r, at, errors);
            double from = time(r, at, "fromSeconds", errors);
            double to = r.has("toSeconds") ? time(r, at, "toSeconds", errors) : from;
            if (to < from) {
                errors.add(at + "toSeconds must be >= fromSeconds");
            }
            int count = r.path("count").asInt(0);
            if (count < 1) {
                errors.add(at + "count must be >= 1");
            }
            Map<String, Integer> channels = weights(r, at, "channels", CHANNELS, Map.of("CITIZEN", 1), errors);
            Map<String, Integer> categories = weights(r, at, "categories", CATEGORIES, Map.of("FLOODING", 1), errors);
            int duplicates = r.path("duplicates").asInt(0);
            int photos = r.path("photos").asInt(0);
            if (duplicates < 0 || photos < 0) {
                errors.add(at + "duplicates and photos must be >= 0");
            }
            if (photos > count + duplicates) {
                errors.add(at + "photos must be <= count + duplicates");
            }
            reports.add(new ReportWave(district, from, to, count, channels, categories, duplicates, photos));
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(source + ": " + String.join("; ", errors));
        }
        return new Scenario(name, title == null ? name : title, duration, disaster, List.copyOf(evacuation), List.copyOf(shelters),
                List.copyOf(reports), root.path("cleanup").asBoolean(true));
    }

    private static Iterable<JsonNode> array(JsonNode root, String field, List<String> errors) {
        JsonNode a = root.get(field);
        if (a == null || a.isNull()) {
            return List.of();
        }
        if (!a.isArray()) {
            errors.add(field + ": must be an array");
            return List.of();
        }
        return a;
    }

    private static String district(JsonNode n, String at, List<String> errors) {
        String d = n.path("district").asString(null);
        if (d == null || !DISTRICTS.contains(d)) {
            errors.add(at + "district: one of " + new java.util.TreeSet<>(DISTRICTS));
        }
        return d;
    }

    private static double time(JsonNode n, String at, String field, List<String> errors) {
        JsonNode t = n.get(field);
        if (t == null || !t.isNumber() || t.asDouble() < 0) {
            errors.add(at + field + ": a number of seconds >= 0");
            return 0;
        }
        return t.asDouble();
    }

    private static Map<String, Integer> weights(JsonNode n, String at, String field, Set<String> allowed,
            Map<String, Integer> fallback, List<String> errors) {
        JsonNode w = n.get(field);
        if (w == null) {
            return fallback;
        }
        Map<String, Integer> out = new LinkedHashMap<>();
        if (!w.isObject()) {
            errors.add(at + field + ": an object of weights");
            return fallback;
        }
        for (var e : w.properties()) {
            if (!allowed.contains(e.getKey())) {
                errors.add(at + field + "." + e.getKey() + ": not one of " + new java.util.TreeSet<>(allowed));
            } else if (!e.getValue().isIntegralNumber() || e.getValue().asInt() < 0) {
                errors.add(at + field + "." + e.getKey() + ": a whole weight >= 0");
            } else if (e.getValue().asInt() > 0) {
                out.put(e.getKey(), e.getValue().asInt());
            }
        }
        if (out.isEmpty()) {
            errors.add(at + field + ": at least one weight > 0");
            return fallback;
        }
        return out;
    }

    private static String text(JsonNode n, String field, List<String> errors, boolean required) {
        return text(n, field, errors, required, "");
    }

    private static String text(JsonNode n, String field, List<String> errors, boolean required, String at) {
        JsonNode t = n.get(field);
        if (t == null || !t.isString() || t.asString().isBlank()) {
            if (required) {
                errors.add(at + field + ": required text");
            }
            return null;
        }
        return t.asString();
    }

    private static double number(JsonNode n, String field, List<String> errors, boolean required, double fallback) {
        JsonNode t = n.get(field);
        if (t == null) {
            if (required) {
                errors.add(field + ": required number");
            }
            return fallback;
        }
        if (!t.isNumber()) {
            errors.add(field + ": must be a number");
            return fallback;
        }
        return t.asDouble();
    }
}
