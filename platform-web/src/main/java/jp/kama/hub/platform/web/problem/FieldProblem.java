package jp.kama.hub.platform.web.problem;

/**
 * One entry of a problem's {@code errors}: the bad field as a JSON path ({@code location.latitude},
 * {@code photos[2].id}), a header or parameter by its wire name ({@code Idempotency-Key}), and
 * what it must be. The contracts' {@code FieldError} schema.
 */
public record FieldProblem(String field, String message) {
}
