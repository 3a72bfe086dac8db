package jp.kama.hub.drill;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The requests a scenario makes, in order, each at its scenario time (milliseconds). Made from
 * the scenario and a seed only: the same scenario and seed give an equal plan (same steps, same
 * order, same places, texts and people), so a run can be repeated. The speed factor is applied
 * when the plan is played, not here.
 */
record Plan(String scenario, long seed, List<Step> steps) {

    enum Kind { DECLARE, EVACUATE, OPEN_SHELTER, CHECK_IN_MANUAL, CHECK_IN_CARD, REPORT }

    /**
     * One request (or, for EVACUATE, the pair draft + approval). {@code args} by kind:
     * EVACUATE district, level ("" lifts), message; OPEN_SHELTER / CHECK_IN_* shelterId, by,
     * personRef or card; REPORT channel, category, district, latitude, longitude, description,
     * photo ("true"/"false"), duplicateOf (index of the step it repeats, or "").
     */
    record Step(int index, long atMillis, Kind kind, Map<String, String> args) {
        String arg(String name) {
            return args.get(name);
        }
    }

    static final Map<String, List<String>> TEXTS = Map.of(
            "FLOODING", List.of("道路が冠水して車が通れない", "床下まで水が来ている", "側溝があふれて歩道が水没", "田んぼの水が道路に流れ込んでいる"),
            "LANDSLIDE", List.of("裏山の斜面が崩れた", "土砂が市道をふさいでいる", "擁壁から水が噴き出している"),
            "ROAD_DAMAGE", List.of("路肩が崩れている", "道路に大きな穴があいた", "橋のたもとが陥没している"),
            "FALLEN_TREE", List.of("倒木で道がふさがれた", "電線に木が倒れかかっている"),
            "POWER_OUTAGE", List.of("地区一帯が停電している", "信号機が消えている"),
            "WATER_OUTAGE", List.of("水道が出ない", "水が濁っている"),
            "BUILDING_DAMAGE", List.of("屋根が壊れて雨漏り", "空き家の壁が崩れた"),
            "RESCUE_NEEDED", List.of("高齢の方が自宅に取り残されている", "車が水に浸かり人が乗っている"),
            "OTHER", List.of("川の水位がかなり高い", "マンホールから水が噴き出している"));

    static Plan of(Scenario s, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Districts districts = Districts.load();
        List<Step> raw = new ArrayList<>();
        raw.add(step(s.disaster().atSeconds(), Kind.DECLARE, Map.of("name", s.disaster().name(), "kind", s.disaster().kind())));
        for (Scenario.Evacuation e : s.evacuation()) {
            raw.add(step(e.atSeconds(), Kind.EVACUATE, Map.of("district", e.district(),
                    "level", e.level() == null ? "" : e.level().toString(), "message", e.message() == null ? "" : e.message())));
        }
        int person = 0;
        for (Scenario.Shelter sh : s.shelters()) {
            raw.add(step(sh.atSeconds(), Kind.OPEN_SHELTER, Map.of("shelterId", sh.shelterId(), "by", sh.by())));
            int arrivals = sh.manualCheckIns() + sh.cardCheckIns().size();
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < arrivals; i++) {
                order.add(i);
            }
            shuffle(order, random); // cards and hand check-ins interleave
            for (int k = 0; k < arrivals; k++) {
                // arrivals after the opening, spread evenly with a little jitter, never before it
                double at = sh.atSeconds() + 0.5 + (arrivals == 1 ? 0 : sh.checkInsOverSeconds() * (k + random.nextDouble() * 0.5) / arrivals);
                int which = order.get(k);
                if (which < sh.manualCheckIns()) {
                    raw.add(step(at, Kind.CHECK_IN_MANUAL, Map.of("shelterId", sh.shelterId(), "by", sh.by(),
                            "personRef", "drill-person-" + seed + "-" + (++person))));
                } else {
                    raw.add(step(at, Kind.CHECK_IN_CARD, Map.of("shelterId", sh.shelterId(), "by", sh.by(),
                            "card", sh.cardCheckIns().get(which - sh.manualCheckIns()))));
                }
            }
        }
        for (Scenario.ReportWave w : s.reports()) {
            Districts.Area area = districts.area(w.district());
            List<Map<String, String>> firsts = new ArrayList<>();
            List<Double> firstTimes = new ArrayList<>();
            for (int i = 0; i < w.count(); i++) {
                double at = w.fromSeconds() + random.nextDouble() * (w.toSeconds() - w.fromSeconds());
                String category = pick(w.categories(), random);
                double[] p = area.randomPoint(random);
                Map<String, String> args = report(pick(w.channels(), random), category, w.district(), p[0], p[1], random);
                firsts.add(args);
                firstTimes.add(at);
            }
            List<Map<String, String>> all = new ArrayList<>(firsts);
            List<Double> times = new ArrayList<>(firstTimes);
            for (int i = 0; i < w.duplicates(); i++) {
                int of = random.nextInt(firsts.size());
                Map<String, String> original = firsts.get(of);
                // the same category within ~10 m: case-service merges reports within 50 m and 6 h of an open case
                double lat = Districts.round(Double.parseDouble(original.get("latitude")) + (random.nextDouble() - 0.5) * 0.0001);
                double lon = Districts.round(Double.parseDouble(original.get("longitude")) + (random.nextDouble() - 0.5) * 0.0001);
                Map<String, String> args = report(pick(w.channels(), random), original.get("category"), w.district(), lat, lon, random);
                args.put("duplicateOfLocal", Integer.toString(of));
                all.add(args);
                double after = firstTimes.get(of);
                times.add(after + 1 + random.nextDouble() * Math.max(1, w.toSeconds() - after));
            }
            // photos on CITIZEN and STAFF reports (Open311 has no photo upload in GeoReport v2)
            List<Integer> photoable = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                if (!"PARTNER".equals(all.get(i).get("channel"))) {
                    photoable.add(i);
                }
            }
            shuffle(photoable, random);
            for (int i = 0; i < Math.min(w.photos(), photoable.size()); i++) {
                all.get(photoable.get(i)).put("photo", "true");
            }
            for (int i = 0; i < all.size(); i++) {
                raw.add(step(times.get(i), Kind.REPORT, all.get(i)));
            }
        }
        // stable order: by time, then by the order the scenario lists them
        List<Step> ordered = new ArrayList<>();
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            idx.add(i);
        }
        idx.sort(Comparator.comparingLong((Integer i) -> raw.get(i).atMillis()).thenComparingInt(i -> i));
        for (int i : idx) {
            Step st = raw.get(i);
            ordered.add(new Step(ordered.size(), st.atMillis(), st.kind(), st.args()));
        }
        return new Plan(s.name(), seed, List.copyOf(ordered));
    }

    private static Map<String, String> report(String channel, String category, String district, double lat, double lon,
            SplittableRandom random) {
        List<String> texts = TEXTS.getOrDefault(category, TEXTS.get("OTHER"));
        Map<String, String> args = new LinkedHashMap<>();
        args.put("channel", channel);
        args.put("category", category);
        args.put("district", district);
        args.put("latitude", Double.toString(lat));
        args.put("longitude", Double.toString(lon));
        args.put("description", texts.get(random.nextInt(texts.size())));
        args.put("photo", "false");
        return args;
    }

    private static Step step(double atSeconds, Kind kind, Map<String, String> args) {
        return new Step(-1, Math.round(atSeconds * 1000), kind, new LinkedHashMap<>(args));
    }

    private static String pick(Map<String, Integer> weights, SplittableRandom random) {
        int total = weights.values().stream().mapToInt(Integer::intValue).sum();
        int r = random.nextInt(total);
        for (var e : weights.entrySet()) {
            r -= e.getValue();
            if (r < 0) {
                return e.getKey();
            }
        }
        throw new IllegalStateException();
    }

    private static <T> void shuffle(List<T> list, SplittableRandom random) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }

    long count(Kind kind) {
        return steps.stream().filter(s -> s.kind() == kind).count();
    }
}
