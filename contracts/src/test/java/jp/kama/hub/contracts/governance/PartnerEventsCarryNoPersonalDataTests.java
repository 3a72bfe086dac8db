package jp.kama.hub.contracts.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * Partner topics carry no personal data (docs/events.md; ARCHITECTURE): no property of the
 * {@code data} of a partner-facing event schema, at any depth, is named like a personal-data field.
 *
 * <p><b>The list</b> (compared case-insensitively, ignoring {@code _} and {@code -}, as fragments of
 * the property name): a person's contact ({@code phone}, {@code tel}, {@code mail}, {@code fax}), identity
 * numbers ({@code myNumber}, {@code kojinBango}, {@code individualNumber}, {@code residentId},
 * {@code atena} 宛名番号, {@code passport}, {@code license}), birth and body ({@code birth},
 * {@code dob}, {@code age}, {@code sex}, {@code gender}), who reported or is affected
 * ({@code reporter}, {@code resident}, {@code citizen}, {@code person}, {@code household},
 * {@code subscriber}, {@code victim}, {@code patient}, {@code evacuee}, {@code family}), accounts and
 * their secrets ({@code userId}, {@code account}, {@code lineId}, {@code token}, {@code password},
 * {@code ip}). {@code age} and {@code ip} only as whole words (so {@code message}, {@code shipping} pass).
 *
 * <p><b>Names and addresses</b> ({@code name}, {@code kana}, {@code address}) are personal data of a
 * person and public facts of a facility. A partner schema may use them only for a facility, a
 * disaster, a district or a level, each entry of {@link #FACILITY_NAMES} saying which.
 *
 * <p><b>Staff subjects</b> ({@code declaredBy}, {@code endedBy}, {@code draftedBy},
 * {@code approvedBy}: opaque Keycloak subjects of city staff, the record of the two-person rule) are
 * not in the list: docs/events.md publishes them and leaves their removal to the city's
 * data-protection decision (issue 10).
 */
class PartnerEventsCarryNoPersonalDataTests {

    static final Path EVENTS = Path.of("src/main/resources/events");


    static final List<String> FORBIDDEN_FRAGMENTS = List.of("phone", "mail", "fax", "mynumber", "kojinbango",
            "individualnumber", "residentid", "atena", "passport", "license", "birth", "dob", "sex", "gender",
            "reporter", "resident", "citizen", "person", "household", "subscriber", "victim", "patient", "evacuee",
            "family", "userid", "account", "lineid", "token", "password");

    static final Set<String> FORBIDDEN_WORDS = Set.of("tel", "age", "ip");

    static final Set<String> NAME_LIKE = Set.of("name", "kana", "address");

    /** (schema family, property) pairs whose name or address is of a facility, disaster, district or level. */
    static final Set<String> FACILITY_NAMES = Set.of(
            "shelter-/name",             // the shelter's name (public facility, national open data)
            "shelter-/nameKana",         // its reading
            "shelter-/address",          // the shelter's address (public facility)
            "shelter-/shelterName",      // the flagged shelter's name
            "disaster-/name",            // the disaster's name, e.g. 令和8年9月 大雨
            "evacuation-/disasterName",  // the same
            "evacuation-/districtName",  // the district's Japanese name (稲築)
            "evacuation-/levelName");    // 避難指示 etc.

    @Test
    void noPartnerEventSchemaHasAPropertyNamedLikePersonalData() {
        List<Path> partner = partnerSchemas();
        assertThat(partner).hasSizeGreaterThanOrEqualTo(8);
        List<String> found = new ArrayList<>();
        for (Path schema : partner) {
            found.addAll(personalDataProperties(schema));
        }
        assertThat(found).as("personal-data properties in partner-facing event schemas").isEmpty();
    }

    @Test
    void theCheckFindsThePersonalDataOfTheInternalCaseTopic() {
        // the internal case topic carries reporterSubjects (docs/events.md): the check must see it
        assertThat(personalDataProperties(EVENTS.resolve("case-triaged.v1.schema.json")))
                .containsExactly("case-triaged.v1.schema.json: data/reporterSubjects");
        assertThat(personalDataProperties(Map.of("properties", Map.of(
                "residentName", Map.of(), "contact", Map.of("properties", Map.of("phone_number", Map.of(), "age", Map.of()))
        )), "shelter-x.v1.schema.json")).containsExactlyInAnyOrder(
                "shelter-x.v1.schema.json: data/residentName", "shelter-x.v1.schema.json: data/contact/phone_number",
                "shelter-x.v1.schema.json: data/contact/age");
    }

    /** The schemas of every message on a channel the AsyncAPI document marks {@code x-kama-audience: partner}. */
    static List<Path> partnerSchemas() {
        return AsyncApi.read().channels().stream().filter(AsyncApi.Channel::partner)
                .flatMap(c -> c.messages().stream()).map(m -> EVENTS.resolve(m.schemaFile())).distinct().toList();
    }

    static List<String> personalDataProperties(Path schema) {
        Map<String, Object> root = ContractCompatibility.parse(ContractCompatibility.read(schema));
        return personalDataProperties(map(map(root.get("properties")).get("data")), schema.getFileName().toString());
    }

    static List<String> personalDataProperties(Map<String, Object> data, String file) {
        String family = file.substring(0, file.indexOf('-') + 1);
        List<String> found = new ArrayList<>();
        walk(data, "data", family, file, found);
        return found;
    }

    private static void walk(Map<String, Object> node, String at, String family, String file, List<String> found) {
        map(node.get("properties")).forEach((name, schema) -> {
            String normal = name.toLowerCase(Locale.ROOT).replaceAll("[_-]", "");
            List<String> words = List.of(name.split("(?<=[a-z0-9])(?=[A-Z])|[_-]"));
            boolean forbidden = FORBIDDEN_FRAGMENTS.stream().anyMatch(normal::contains)
                    || words.stream().anyMatch(w -> FORBIDDEN_WORDS.contains(w.toLowerCase(Locale.ROOT)))
                    || (NAME_LIKE.stream().anyMatch(normal::contains) && !FACILITY_NAMES.contains(family + "/" + name));
            if (forbidden) {
                found.add(file + ": " + at + "/" + name);
            }
            walk(map(schema), at + "/" + name, family, file, found);
        });
        if (node.get("items") instanceof Map<?, ?> items) {
            walk(map(items), at + "[]", family, file, found);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
