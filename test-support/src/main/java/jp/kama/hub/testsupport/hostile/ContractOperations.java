package jp.kama.hub.testsupport.hostile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The operations of one OpenAPI document from the contracts jar ({@code classpath:openapi/<file>}),
 * with every local {@code $ref} resolved: what the hostile generator needs and nothing more. A new
 * operation in the document is a new operation here, so nothing is listed by hand.
 *
 * <p>Read with SnakeYAML rather than swagger-parser: the documents are OpenAPI 3.1 with local
 * references only, and this keeps Jackson 2 off the services' test classpath.
 */
public final class ContractOperations {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    private static final Pattern ALLOWED_ROLES = Pattern.compile("Allowed roles\\s*-\\s*([a-z][a-z, -]*[a-z])");

    private ContractOperations() {
    }

    /** One parameter (path, query or header) with its resolved schema. */
    public record Parameter(String name, String in, boolean required, Map<String, Object> schema) {
    }

    /**
     * One operation. {@code bodies} maps each request content type to its schema; {@code roles}
     * are the roles its description allows ("Allowed roles - ..."), first the one the suite uses;
     * {@code errorContentTypes} the content types its documented 4xx/5xx answers may have.
     */
    public record Operation(String file, String method, String path, String operationId, List<Parameter> parameters,
                            Map<String, Map<String, Object>> bodies, boolean bodyRequired, List<String> roles,
                            boolean anonymous, Set<String> errorContentTypes, Set<Integer> documentedStatuses,
                            Set<String> successContentTypes) {

        public List<Parameter> parameters(String in) {
            return parameters.stream().filter(p -> p.in().equals(in)).toList();
        }

        public boolean streams() {
            return successContentTypes.contains("text/event-stream");
        }

        @Override
        public String toString() {
            return method + " " + path + " (" + operationId + ")";
        }
    }

    /** Every operation of {@code classpath:openapi/<file>}, in document order. */
    public static List<Operation> of(String file) {
        Map<String, Object> root = load(file);
        Refs refs = new Refs(root);
        List<Operation> out = new ArrayList<>();
        boolean securedByDefault = root.get("security") instanceof List<?> l && !l.isEmpty();
        Map<String, Object> paths = map(root.get("paths"));
        for (Map.Entry<String, Object> pe : paths.entrySet()) {
            Map<String, Object> item = map(refs.resolve(pe.getValue()));
            List<Object> common = list(item.get("parameters"));
            for (Map.Entry<String, Object> oe : item.entrySet()) {
                if (!METHODS.contains(oe.getKey())) {
                    continue;
                }
                Map<String, Object> op = map(refs.resolve(oe.getValue()));
                Map<String, Parameter> params = new LinkedHashMap<>();
                for (Object p : concat(common, list(op.get("parameters")))) {
                    Map<String, Object> pm = map(refs.resolve(p));
                    String in = String.valueOf(pm.get("in"));
                    params.put(in + ":" + pm.get("name"), new Parameter(String.valueOf(pm.get("name")), in,
                            Boolean.TRUE.equals(pm.get("required")) || "path".equals(in), map(refs.deep(pm.get("schema")))));
                }
                Map<String, Map<String, Object>> bodies = new LinkedHashMap<>();
                boolean bodyRequired = false;
                if (op.get("requestBody") != null) {
                    Map<String, Object> rb = map(refs.resolve(op.get("requestBody")));
                    bodyRequired = Boolean.TRUE.equals(rb.get("required"));
                    map(rb.get("content")).forEach((type, media) -> bodies.put(type, map(refs.deep(map(media).get("schema")))));
                }
                Set<String> errorTypes = new LinkedHashSet<>();
                Set<String> successTypes = new LinkedHashSet<>();
                Set<Integer> statuses = new LinkedHashSet<>();
                map(op.get("responses")).forEach((status, response) -> {
                    Map<String, Object> r = map(refs.resolve(response));
                    Set<String> types = map(r.get("content")).keySet();
                    if (status.matches("\\d{3}")) {
                        statuses.add(Integer.parseInt(status));
                    }
                    if (status.startsWith("4") || status.startsWith("5")) {
                        errorTypes.addAll(types);
                    } else if (status.startsWith("2")) {
                        successTypes.addAll(types);
                    }
                });
                boolean anonymous = op.containsKey("security") ? list(op.get("security")).isEmpty() : !securedByDefault;
                out.add(new Operation(file, oe.getKey().toUpperCase(Locale.ROOT), pe.getKey(), String.valueOf(op.get("operationId")),
                        List.copyOf(params.values()), bodies, bodyRequired, roles(op), anonymous, errorTypes, statuses, successTypes));
            }
        }
        return out;
    }

    private static List<String> roles(Map<String, Object> op) {
        String text = (op.getOrDefault("description", "") + " " + op.getOrDefault("summary", "")).replaceAll("\\s+", " ");
        Matcher m = ALLOWED_ROLES.matcher(text);
        List<String> roles = new ArrayList<>();
        if (m.find()) {
            for (String r : m.group(1).split(",")) {
                String role = r.trim().split(" ")[0];
                if (!role.isEmpty()) {
                    roles.add(role);
                }
            }
        }
        return roles;
    }

    private static Map<String, Object> load(String file) {
        try (InputStream in = ContractOperations.class.getClassLoader().getResourceAsStream("openapi/" + file)) {
            if (in == null) {
                throw new IllegalStateException("no classpath resource openapi/" + file + " (is contracts on the test classpath?)");
            }
            LoaderOptions options = new LoaderOptions();
            options.setCodePointLimit(10 * 1024 * 1024);
            return map(new Yaml(options).load(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Object> concat(List<Object> a, List<Object> b) {
        List<Object> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return o instanceof List<?> l ? (List<Object>) l : new ArrayList<>();
    }

    /** Local references ({@code #/components/...}); {@code allOf} merged, the first of {@code oneOf}/{@code anyOf} taken. */
    private record Refs(Map<String, Object> root) {

        Object resolve(Object node) {
            Object n = node;
            for (int i = 0; i < 20 && n instanceof Map<?, ?> m && m.get("$ref") instanceof String ref; i++) {
                Object target = root;
                for (String part : ref.substring(2).split("/")) {
                    target = map(target).get(part.replace("~1", "/").replace("~0", "~"));
                }
                Map<String, Object> merged = new LinkedHashMap<>(map(target));
                map(n).forEach((k, v) -> {
                    if (!k.equals("$ref")) {
                        merged.put(k, v);
                    }
                });
                n = merged;
            }
            return n;
        }

        /** The schema with every reference below it resolved (to a depth that ends recursive schemas). */
        Object deep(Object node) {
            return deep(node, 0);
        }

        private Object deep(Object node, int depth) {
            Object n = resolve(node);
            if (depth > 12) {
                return n instanceof Map<?, ?> ? new LinkedHashMap<>() : n;
            }
            if (n instanceof Map<?, ?> m) {
                Map<String, Object> out = new LinkedHashMap<>();
                map(m).forEach((k, v) -> out.put(k, k.equals("example") || k.equals("examples") ? v : deep(v, depth + 1)));
                if (out.get("allOf") instanceof List<?> parts) {
                    out.remove("allOf");
                    Map<String, Object> props = new LinkedHashMap<>(map(out.get("properties")));
                    List<Object> required = new ArrayList<>(list(out.get("required")));
                    for (Object part : parts) {
                        Map<String, Object> pm = map(part);
                        props.putAll(map(pm.get("properties")));
                        required.addAll(list(pm.get("required")));
                        pm.forEach((k, v) -> {
                            if (!k.equals("properties") && !k.equals("required")) {
                                out.putIfAbsent(k, v);
                            }
                        });
                    }
                    if (!props.isEmpty()) {
                        out.put("properties", props);
                    }
                    if (!required.isEmpty()) {
                        out.put("required", required);
                    }
                }
                for (String alt : List.of("oneOf", "anyOf")) {
                    if (out.get(alt) instanceof List<?> options && !options.isEmpty()) {
                        out.remove(alt);
                        map(options.getFirst()).forEach(out::putIfAbsent);
                    }
                }
                return out;
            }
            if (n instanceof List<?> l) {
                List<Object> out = new ArrayList<>();
                l.forEach(v -> out.add(deep(v, depth + 1)));
                return out;
            }
            return n;
        }
    }
}
