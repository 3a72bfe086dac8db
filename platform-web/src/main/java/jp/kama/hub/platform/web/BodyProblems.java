package jp.kama.hub.platform.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jp.kama.hub.platform.web.problem.FieldProblem;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.exc.CollectedProblem;
import tools.jackson.databind.exc.DeferredBindingException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Turns the problems Jackson collected while reading a body ({@link DeferredBindingException})
 * into the {@code errors} of a 400: the field as a JSON path ({@code location.latitude},
 * {@code photos[2].id}) and what it must be, in words a client developer can act on. The
 * reactive side ({@code reactive.BodyErrors}) uses the same words.
 */
public final class BodyProblems {

    private BodyProblems() {
    }

    /** The collected problems behind this failure, and the one that ended reading, if any. */
    static List<FieldProblem> collected(HttpMessageNotReadableException ex) {
        for (Throwable t = ex.getCause(); t != null; t = t.getCause()) {
            if (t instanceof DeferredBindingException deferred) {
                return toFieldProblems(deferred.getProblems(), null);
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (suppressed instanceof DeferredBindingException deferred && t instanceof DatabindException last) {
                    return toFieldProblems(deferred.getProblems(), last);
                }
            }
        }
        return List.of();
    }

    private static List<FieldProblem> toFieldProblems(List<CollectedProblem> problems, DatabindException last) {
        Map<String, String> byField = new LinkedHashMap<>();
        for (CollectedProblem problem : problems) {
            byField.putIfAbsent(field(problem.getPath()), message(problem));
        }
        if (last != null) {
            byField.putIfAbsent(last.getPath().isEmpty() ? "body" : fieldPath(last.getPath()), clientMessage(last));
        }
        List<FieldProblem> out = new ArrayList<>();
        byField.forEach((field, message) -> out.add(new FieldProblem(field, message)));
        return out;
    }

    static String field(JsonPointer pointer) {
        StringBuilder field = new StringBuilder();
        for (JsonPointer p = pointer; p != null && !p.matches(); p = p.tail()) {
            if (p.getMatchingIndex() >= 0) {
                field.append('[').append(p.getMatchingIndex()).append(']');
            } else {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(p.getMatchingProperty());
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }

    private static String message(CollectedProblem problem) {
        if (problem.getRawValue() instanceof String raw && raw.indexOf('\u0000') >= 0) {
            return NulRejectingStringDeserializer.MESSAGE;
        }
        JavaType type = problem.getTargetType();
        if (type == null) {
            return sanitized(problem.getMessage());
        }
        return expectation(type.getRawClass());
    }

    /**
     * What Jackson says about a value or a body it could not read, in words for a client: the
     * expectation of the target type where Jackson knows it, else its message without the Java
     * types, class and method names, parser features and source locations it may hold.
     */
    public static String clientMessage(JacksonException e) {
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return expectation(mismatch.getTargetType());
        }
        return sanitized(e.getOriginalMessage());
    }

    private static final Pattern LOCATION = Pattern.compile("(?s)\\s*\\(?\\s*(start marker )?at \\[Source.*$");
    private static final Pattern FEATURE_HINT = Pattern.compile("[;:,]?\\s*(enable|disable) `[^`]*` to (allow|accept)[^;)]*");
    private static final Pattern QUOTED = Pattern.compile("`([^`]*)`");
    private static final Pattern CLASS_NAME = Pattern.compile("\\[method [^\\]]*\\]|\\b([a-z][a-z0-9_]*\\.)+[A-Za-z_$][\\w$]*(#\\w+)?(\\([^)]*\\))?");

    /** A Jackson message without the Java behind it. */
    public static String sanitized(String message) {
        if (message == null || message.isBlank()) {
            return "is not valid JSON";
        }
        String s = LOCATION.matcher(message).replaceAll("");
        s = FEATURE_HINT.matcher(s).replaceAll("");
        s = QUOTED.matcher(s).replaceAll(m -> Matcher.quoteReplacement(jsonWord(m.group(1))));
        s = CLASS_NAME.matcher(s).replaceAll("value");
        return s.trim();
    }

    private static String jsonWord(String javaType) {
        String t = javaType.replaceFirst("^java\\.(lang|math)\\.", "");
        return switch (t) {
            case "int", "long", "short", "byte", "Integer", "Long", "Short", "Byte", "BigInteger" -> "integer";
            case "double", "float", "Double", "Float", "BigDecimal" -> "number";
            case "boolean", "Boolean" -> "boolean";
            case "String", "char", "Character" -> "string";
            default -> "value";
        };
    }

    /** A bad value's place in the body as a field name: {@code location.latitude}, {@code photos[2].type}. */
    public static String fieldPath(List<JacksonException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (JacksonException.Reference r : refs) {
            if (r.getPropertyName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(r.getPropertyName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** What a value of this Java type must be, in JSON words, never quoting the value sent. */
    public static String expectation(JavaType type) {
        return expectation(type.getRawClass());
    }

    /** What a value of this Java type must be, in JSON words, never quoting the value sent. */
    public static String expectation(Class<?> raw) {
        if (raw.isEnum()) {
            // generated contract enums print their wire value
            return "must be one of " + Arrays.stream(raw.getEnumConstants()).map(String::valueOf)
                    .collect(Collectors.joining(", ", "[", "]"));
        }
        if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class
                || raw == Short.class || raw == short.class || raw == java.math.BigInteger.class) {
            return "must be an integer";
        }
        if (Number.class.isAssignableFrom(raw) || raw == double.class || raw == float.class) {
            return "must be a number";
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return "must be true or false";
        }
        if (raw == String.class) {
            return "must be a string";
        }
        if (raw == UUID.class) {
            return "must be a UUID";
        }
        if (raw.isArray() || Collection.class.isAssignableFrom(raw)) {
            return "must be an array";
        }
        if (raw.getName().startsWith("java.time.")) {
            return "must be a " + raw.getSimpleName() + " in ISO 8601 form";
        }
        return "must be a JSON object";
    }
}
