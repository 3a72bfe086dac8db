package jp.kama.hub.contracts.governance;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Breaking changes between the released and the current version of one event JSON Schema.
 *
 * <p><b>Why hand-rolled.</b> There is no maintained Java library on Maven Central that compares two
 * JSON Schemas for compatibility (openapi-diff compares OpenAPI documents only; the JSON Schema
 * diff tools that exist are npm packages or bound to a schema registry's Avro/Protobuf/JSON rules
 * and a running registry). The hub's event schemas use a small, flat subset of draft 2020-12
 * ({@code type}, {@code const}, {@code enum}, {@code format}, {@code required}, {@code properties},
 * {@code items}, {@code additionalProperties}, length and number bounds, {@code pattern}; no
 * {@code $ref} or combinators), so a short rule set covering that subset is enough. A schema that
 * starts using a keyword this class does not understand fails {@link #unsupportedKeywords} so the
 * rules get extended deliberately rather than silently passing. The jsonschema2pojo keywords that
 * name the generated Java types ({@code javaType}, {@code existingJavaType}, {@code javaEnumNames})
 * have no meaning on the wire and are not compared.
 *
 * <p><b>The rules</b> (both directions matter: consumers built on v1 read new events, and consumers
 * built on the new schema read old events still on the topic or replayed from a dead-letter topic):
 * <ol>
 * <li>a property removed: consumers read it;</li>
 * <li>a property newly required (new, or optional before): old records lack it;</li>
 * <li>a required property made optional: consumers rely on it being present (docs/events.md:
 *     nullable fields are always present);</li>
 * <li>the set of JSON types changed, a {@code const} or {@code format} changed: one side gets a
 *     value it cannot read (a type made nullable is a change too);</li>
 * <li>an enum value removed, or {@code null} added to an enum: old records or old consumers break.
 *     An added non-null enum value is <em>not</em> reported: docs/events.md makes it breaking only
 *     when consumers must understand it, which no rule can know, so that stays a review decision;</li>
 * <li>bounds narrowed ({@code minimum}/{@code minLength}/{@code minItems} raised,
 *     {@code maximum}/{@code maxLength}/{@code maxItems} lowered, added), {@code pattern} changed or
 *     added: old records may not satisfy them.</li>
 * </ol>
 * Descriptions, titles and examples are free to change. Additive changes (a new optional property,
 * a widened bound) pass.
 */
public final class EventSchemaCompatibility {

    private static final Set<String> UNDERSTOOD = Set.of("$schema", "$id", "title", "description", "type", "const",
            "enum", "format", "required", "properties", "items", "additionalProperties", "minimum", "maximum",
            "minLength", "maxLength", "minItems", "maxItems", "uniqueItems", "pattern", "examples", "default",
            // jsonschema2pojo's naming of the generated Java types: no meaning on the wire
            "javaType", "existingJavaType", "javaEnumNames");

    private EventSchemaCompatibility() {
    }

    /** Each breaking change as one line: the JSON pointer of the schema node and what changed. */
    public static List<String> breakingChanges(Map<String, Object> released, Map<String, Object> current) {
        List<String> changes = new ArrayList<>();
        compare("#", released, current, changes);
        return changes;
    }

    /** Keywords of {@code schema} (at any depth) this class has no rule for. */
    public static Set<String> unsupportedKeywords(Map<String, Object> schema) {
        Set<String> unknown = new LinkedHashSet<>();
        collectUnknown(schema, unknown);
        return unknown;
    }

    private static void collectUnknown(Map<String, Object> schema, Set<String> unknown) {
        schema.forEach((keyword, value) -> {
            if (!UNDERSTOOD.contains(keyword)) {
                unknown.add(keyword);
            }
        });
        map(schema.get("properties")).values().forEach(p -> collectUnknown(map(p), unknown));
        if (schema.get("items") instanceof Map<?, ?> items) {
            collectUnknown(map(items), unknown);
        }
        if (schema.get("additionalProperties") instanceof Map<?, ?> additional) {
            collectUnknown(map(additional), unknown);
        }
    }

    private static void compare(String at, Map<String, Object> old, Map<String, Object> now, List<String> changes) {
        if (!Objects.equals(types(old), types(now))) {
            changes.add(at + ": type changed from " + types(old) + " to " + types(now));
        }
        same(at, "const", old, now, changes);
        same(at, "format", old, now, changes);
        enums(at, old, now, changes);
        notNarrowed(at, old, now, changes);

        Map<String, Object> oldProperties = map(old.get("properties"));
        Map<String, Object> newProperties = map(now.get("properties"));
        Set<String> oldRequired = strings(old.get("required"));
        Set<String> newRequired = strings(now.get("required"));
        for (var property : oldProperties.entrySet()) {
            String name = property.getKey();
            if (!newProperties.containsKey(name)) {
                changes.add(at + "/properties/" + name + ": property removed");
            } else {
                compare(at + "/properties/" + name, map(property.getValue()), map(newProperties.get(name)), changes);
            }
        }
        for (String name : newRequired) {
            if (!oldRequired.contains(name)) {
                changes.add(at + "/required: " + name + " newly required");
            }
        }
        for (String name : oldRequired) {
            if (!newRequired.contains(name) && newProperties.containsKey(name)) {
                changes.add(at + "/required: " + name + " no longer required");
            }
        }
        if (old.get("items") instanceof Map<?, ?> oldItems && now.get("items") instanceof Map<?, ?> newItems) {
            compare(at + "/items", map(oldItems), map(newItems), changes);
        } else if (!Objects.equals(old.get("items") == null, now.get("items") == null)) {
            changes.add(at + "/items: added or removed");
        }
        Object oldAdditional = old.get("additionalProperties");
        Object newAdditional = now.get("additionalProperties");
        if (oldAdditional instanceof Map<?, ?> o && newAdditional instanceof Map<?, ?> n) {
            compare(at + "/additionalProperties", map(o), map(n), changes);
        } else if (oldAdditional instanceof Map<?, ?> && Boolean.FALSE.equals(newAdditional)) {
            changes.add(at + "/additionalProperties: open map closed");
        }
    }

    private static void same(String at, String keyword, Map<String, Object> old, Map<String, Object> now,
                             List<String> changes) {
        if (!Objects.equals(old.get(keyword), now.get(keyword))) {
            changes.add(at + ": " + keyword + " changed from " + old.get(keyword) + " to " + now.get(keyword));
        }
    }

    private static void enums(String at, Map<String, Object> old, Map<String, Object> now, List<String> changes) {
        if (!(old.get("enum") instanceof List<?> oldValues)) {
            if (now.get("enum") != null) {
                changes.add(at + ": enum added");
            }
            return;
        }
        if (!(now.get("enum") instanceof List<?> newValues)) {
            changes.add(at + ": enum removed (values no longer constrained)");
            return;
        }
        for (Object value : oldValues) {
            if (!newValues.contains(value)) {
                changes.add(at + ": enum value " + value + " removed");
            }
        }
        if (newValues.contains(null) && !oldValues.contains(null)) {
            changes.add(at + ": enum now allows null");
        }
    }

    private static void notNarrowed(String at, Map<String, Object> old, Map<String, Object> now, List<String> changes) {
        for (String lower : List.of("minimum", "minLength", "minItems")) {
            Double o = number(old.get(lower));
            Double n = number(now.get(lower));
            if (n != null && (o == null || n > o)) {
                changes.add(at + ": " + lower + " raised from " + o + " to " + n);
            }
        }
        for (String upper : List.of("maximum", "maxLength", "maxItems")) {
            Double o = number(old.get(upper));
            Double n = number(now.get(upper));
            if (n != null && (o == null || n < o)) {
                changes.add(at + ": " + upper + " lowered from " + o + " to " + n);
            }
        }
        if (now.get("pattern") != null && !Objects.equals(old.get("pattern"), now.get("pattern"))) {
            changes.add(at + ": pattern changed from " + old.get("pattern") + " to " + now.get("pattern"));
        }
        if (Boolean.TRUE.equals(now.get("uniqueItems")) && !Boolean.TRUE.equals(old.get("uniqueItems"))) {
            changes.add(at + ": uniqueItems added");
        }
    }

    private static Set<Object> types(Map<String, Object> schema) {
        Object type = schema.get("type");
        if (type == null) {
            return Set.of();
        }
        return type instanceof List<?> list ? new HashSet<>(list) : Set.of(type);
    }

    private static Double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : null;
    }

    private static Set<String> strings(Object value) {
        Set<String> out = new LinkedHashSet<>();
        if (value instanceof List<?> list) {
            list.forEach(v -> out.add(String.valueOf(v)));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
