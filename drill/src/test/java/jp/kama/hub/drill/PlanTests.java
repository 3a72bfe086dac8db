package jp.kama.hub.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class PlanTests {

    @Test
    void theShippedScenariosParse() {
        for (String name : Scenario.SHIPPED) {
            Scenario s = Scenario.load(name);
            assertThat(s.name()).isEqualTo(name);
            assertThat(s.disaster()).isNotNull();
            assertThat(s.reports()).isNotEmpty();
        }
        Scenario heavy = Scenario.load("heavy-rain-4-districts");
        assertThat(heavy.reports()).extracting(Scenario.ReportWave::district).containsExactlyInAnyOrder("YAMADA", "INATSUKI", "USUI", "KAHO");
        assertThat(heavy.evacuation()).anyMatch(e -> e.level() == null);
    }

    @Test
    void theSameSeedGivesTheSamePlanAndAnotherSeedAnother() {
        Scenario s = Scenario.load("heavy-rain-4-districts");
        Plan a = Plan.of(s, 42);
        Plan b = Plan.of(s, 42);
        assertThat(b).isEqualTo(a);
        assertThat(b.steps().toString()).isEqualTo(a.steps().toString());
        Plan c = Plan.of(s, 43);
        assertThat(c.steps()).isNotEqualTo(a.steps());
        assertThat(c.steps()).hasSameSizeAs(a.steps());
    }

    @Test
    void thePlanHasEveryPartOfTheScenarioInTimeOrder() {
        Scenario s = Scenario.load("quick");
        Plan p = Plan.of(s, 7);
        assertThat(p.steps().getFirst().kind()).isEqualTo(Plan.Kind.DECLARE);
        assertThat(p.count(Plan.Kind.EVACUATE)).isEqualTo(2);
        assertThat(p.count(Plan.Kind.OPEN_SHELTER)).isEqualTo(2);
        assertThat(p.count(Plan.Kind.CHECK_IN_MANUAL)).isEqualTo(5);
        assertThat(p.count(Plan.Kind.CHECK_IN_CARD)).isEqualTo(2);
        assertThat(p.count(Plan.Kind.REPORT)).isEqualTo(4 + 2 + 2);
        for (int i = 1; i < p.steps().size(); i++) {
            assertThat(p.steps().get(i).atMillis()).isGreaterThanOrEqualTo(p.steps().get(i - 1).atMillis());
            assertThat(p.steps().get(i).index()).isEqualTo(i);
        }
        // a shelter's check-ins come after it opens
        long opened = p.steps().stream().filter(st -> st.kind() == Plan.Kind.OPEN_SHELTER && st.arg("shelterId").equals("SAMPLE-YAMADA-01"))
                .findFirst().orElseThrow().atMillis();
        assertThat(p.steps()).filteredOn(st -> st.kind().name().startsWith("CHECK_IN") && st.arg("shelterId").equals("SAMPLE-YAMADA-01"))
                .allMatch(st -> st.atMillis() > opened);
        assertThat(p.steps()).filteredOn(st -> "true".equals(st.arg("photo"))).hasSize(1)
                .allMatch(st -> !st.arg("channel").equals("PARTNER"));
    }

    @Test
    void reportsLieInsideTheirDistrictAndDuplicatesNextToTheirOriginal() {
        Districts districts = Districts.load();
        Plan p = Plan.of(Scenario.load("heavy-rain-4-districts"), 3);
        List<Plan.Step> reports = p.steps().stream().filter(st -> st.kind() == Plan.Kind.REPORT).toList();
        assertThat(reports).hasSize(82 + 20);
        for (Plan.Step r : reports) {
            double lat = Double.parseDouble(r.arg("latitude"));
            double lon = Double.parseDouble(r.arg("longitude"));
            assertThat(districts.area(r.arg("district")).contains(lon, lat)).as(r.toString()).isTrue();
            for (String other : Scenario.DISTRICTS) {
                if (!other.equals(r.arg("district"))) {
                    assertThat(districts.area(other).contains(lon, lat)).as(r + " also in " + other).isFalse();
                }
            }
        }
        List<Plan.Step> duplicates = reports.stream().filter(st -> st.args().containsKey("duplicateOfLocal")).toList();
        assertThat(duplicates).hasSize(20);
        for (Plan.Step d : duplicates) {
            // some earlier report of the same category lies within 50 m (about 0.00045 degrees)
            assertThat(reports).anyMatch(o -> o.index() < d.index() && !o.args().containsKey("duplicateOfLocal")
                    && o.arg("category").equals(d.arg("category"))
                    && Math.abs(Double.parseDouble(o.arg("latitude")) - Double.parseDouble(d.arg("latitude"))) < 0.0002
                    && Math.abs(Double.parseDouble(o.arg("longitude")) - Double.parseDouble(d.arg("longitude"))) < 0.0002);
        }
    }

    @Test
    void randomPointsStayInsideEveryDistrict() {
        Districts districts = Districts.load();
        SplittableRandom random = new SplittableRandom(1);
        Map<String, Integer> n = new HashMap<>();
        for (String d : Scenario.DISTRICTS) {
            for (int i = 0; i < 200; i++) {
                double[] p = districts.area(d).randomPoint(random);
                assertThat(districts.area(d).contains(p[1], p[0])).isTrue();
                n.merge(d, 1, Integer::sum);
            }
        }
        assertThat(n).hasSize(4);
    }

    @Test
    void aBadScenarioIsRefusedNamingEveryMistake() {
        String bad = """
                {"name":"x","durationSeconds":10,
                 "disaster":{"name":"d","kind":"RAIN"},
                 "evacuation":[{"atSeconds":1,"district":"TOKYO","level":7}],
                 "shelters":[{"atSeconds":1,"shelterId":"S","by":"staff","cardCheckIns":["citizen-1"]}],
                 "reports":[{"district":"YAMADA","fromSeconds":5,"toSeconds":2,"count":0,"categories":{"METEOR":1}}]}
                """;
        assertThatThrownBy(() -> Scenario.parse(bad, "bad.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("disaster.kind")
                .hasMessageContaining("evacuation[0].district")
                .hasMessageContaining("evacuation[0].level")
                .hasMessageContaining("shelters[0].cardCheckIns")
                .hasMessageContaining("reports[0].toSeconds")
                .hasMessageContaining("reports[0].count")
                .hasMessageContaining("reports[0].categories.METEOR");
        assertThatThrownBy(() -> Scenario.parse("{", "broken.json")).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> Scenario.load("no-such-scenario")).hasMessageContaining("shipped");
    }

    @Test
    void aYamlScenarioReadsLikeTheSameJson(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        String yaml = """
                name: quick
                title: 小さな訓練
                durationSeconds: 20
                disaster: {atSeconds: 0, name: 大雨 (小訓練), kind: FLOOD}
                evacuation:
                  - {atSeconds: 1, district: YAMADA, level: 3, message: 山田地区に高齢者等避難を発令しました}
                  - {atSeconds: 8, district: YAMADA, level: 4, message: 山田地区に避難指示を発令しました}
                shelters:
                  - {atSeconds: 2, shelterId: SAMPLE-YAMADA-01, by: shelter, manualCheckIns: 3,
                     cardCheckIns: [citizen-1, citizen-2], checkInsOverSeconds: 10}
                  - {atSeconds: 3, shelterId: SAMPLE-INATSUKI-01, by: staff, manualCheckIns: 2, checkInsOverSeconds: 8}
                reports:
                  - district: YAMADA
                    fromSeconds: 3
                    toSeconds: 15
                    count: 4
                    channels: {CITIZEN: 2, STAFF: 1, PARTNER: 1}
                    categories: {FLOODING: 3, ROAD_DAMAGE: 1}
                    duplicates: 2
                    photos: 1
                  - {district: INATSUKI, fromSeconds: 5, toSeconds: 15, count: 2,
                     channels: {CITIZEN: 1, PARTNER: 1}, categories: {FALLEN_TREE: 1, FLOODING: 1}}
                cleanup: true
                """;
        java.nio.file.Path file = dir.resolve("quick.yaml");
        java.nio.file.Files.writeString(file, yaml);
        Scenario fromYaml = Scenario.load(file.toString());
        Scenario fromJson = Scenario.load("quick");
        assertThat(fromYaml.evacuation()).isEqualTo(fromJson.evacuation());
        assertThat(fromYaml.shelters()).isEqualTo(fromJson.shelters());
        assertThat(fromYaml.reports()).isEqualTo(fromJson.reports());
        assertThat(Plan.of(fromYaml, 9).steps()).isEqualTo(Plan.of(fromJson, 9).steps());
        assertThatThrownBy(() -> Scenario.parseYaml("a: [", "bad.yaml")).hasMessageContaining("not YAML");
        assertThatThrownBy(() -> Scenario.parseYaml("!!java.io.File [x]", "evil.yaml")).hasMessageContaining("not YAML");
    }

    @Test
    void theDrillTalksToThisMachineOnly() {
        DrillCommand.loopbackOnly("http://127.0.0.1:8080");
        DrillCommand.loopbackOnly("http://localhost:8080");
        assertThatThrownBy(() -> DrillCommand.loopbackOnly("http://kama.example.jp")).hasMessageContaining("127.0.0.1");
    }

    @Test
    void thePhotoIsAPhoneSizeJpegAndRepeatable() {
        byte[] a = Photos.phoneJpeg(5);
        assertThat(a[0] & 0xff).isEqualTo(0xff);
        assertThat(a[1] & 0xff).isEqualTo(0xd8);
        assertThat(a.length).isBetween(50_000, 10_000_000);
        assertThat(Photos.phoneJpeg(5)).isEqualTo(a);
    }
}
