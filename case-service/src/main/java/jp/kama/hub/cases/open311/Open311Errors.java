package jp.kama.hub.cases.open311;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jp.kama.hub.cases.web.BadParameterException;
import jp.kama.hub.cases.web.DatabaseUnavailable;
import jp.kama.hub.platform.web.InvalidParametersException;
import jp.kama.hub.platform.web.privacy.PersonalData;
import jp.kama.hub.cases.web.UnprocessableFieldException;
import jp.kama.hub.contracts.cases.api.Open311Api;
import jp.kama.hub.contracts.cases.model.Open311Error;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Errors of the Open311 endpoints as GeoReport v2 error lists, {@code [{"code":400,
 * "description":"lat - is required ..."}]} as {@code application/json}, with the same HTTP status
 * the rest of the hub would answer. A bad field is named first, by its wire name. Used by
 * {@link Open311Controller}'s own exception handler, which Spring consults before any advice,
 * so the hub-wide problem+json advice stays as it is for every other path.
 */
final class Open311Errors {

    private static final Logger log = LoggerFactory.getLogger(Open311Errors.class);

    private Open311Errors() {
    }

    static ResponseEntity<List<Open311Error>> of(Exception e) {
        return switch (e) {
            case MissingServletRequestParameterException m -> missing(m.getParameterName());
            case MethodArgumentTypeMismatchException m -> list(HttpStatus.BAD_REQUEST,
                    List.of(m.getName() + " - must be " + (m.getRequiredType() == null ? "a valid value" : typeName(m.getRequiredType()))));
            case HandlerMethodValidationException v -> {
                List<String> errors = new ArrayList<>();
                v.getParameterValidationResults().forEach(r -> r.getResolvableErrors().forEach(err ->
                        errors.add(wireName(r.getMethodParameter()) + " - " + err.getDefaultMessage())));
                yield list(HttpStatus.BAD_REQUEST, errors);
            }
            case ConstraintViolationException v -> {
                List<String> errors = new ArrayList<>();
                for (ConstraintViolation<?> violation : v.getConstraintViolations()) {
                    errors.add(wireName(violation) + " - " + violation.getMessage());
                }
                errors.sort(null);
                yield list(HttpStatus.BAD_REQUEST, errors);
            }
            case InvalidParametersException p -> list(HttpStatus.BAD_REQUEST,
                    p.problems().stream().map(f -> f.field() + " - " + f.message()).toList());
            case BadParameterException b -> list(HttpStatus.BAD_REQUEST, List.of(b.field() + " - " + b.getMessage()));
            case UnprocessableFieldException u -> list(HttpStatus.UNPROCESSABLE_CONTENT, List.of(u.field() + " - " + u.getMessage()));
            case ErrorResponse r -> list(r.getStatusCode(), List.of(description(r)));
            case IllegalStateException t when t.getClass().getName().equals("org.apache.tomcat.util.http.InvalidParameterException") ->
                    // Tomcat 11 throws when a parameter is not valid percent-encoded UTF-8 (%zz, %c0%af)
                    list(HttpStatus.BAD_REQUEST, List.of("A request parameter is not validly encoded: percent-encoded UTF-8 is expected."));
            case Exception outage when DatabaseUnavailable.isOutage(outage) -> {
                log.warn("database unavailable, answering 503: {}", outage.toString());
                ResponseEntity<List<Open311Error>> errors = list(HttpStatus.SERVICE_UNAVAILABLE,
                        List.of("The hub's database cannot be reached for a moment; send the same request again "
                                + "(the same Idempotency-Key) after Retry-After seconds."));
                yield ResponseEntity.status(errors.getStatusCode()).headers(errors.getHeaders())
                        .header("Retry-After", Long.toString(DatabaseUnavailable.RETRY_AFTER.toSeconds())).body(errors.getBody());
            }
            default -> {
                log.error("Open311 request failed", e);
                yield list(HttpStatus.INTERNAL_SERVER_ERROR, List.of("The request could not be processed; try again later."));
            }
        };
    }

    /** A required field is missing; for the position, say what a location is here. */
    private static ResponseEntity<List<Open311Error>> missing(String field) {
        String message = field.equals("lat") || field.equals("long")
                ? field + " - is required: a location as lat and long (WGS84); address_string alone cannot be placed on the map"
                : field + " - is required";
        return list(HttpStatus.BAD_REQUEST, List.of(message));
    }

    private static String description(ErrorResponse r) {
        String detail = r.getBody().getDetail();
        String title = r.getBody().getTitle();
        return detail != null ? detail : title != null ? title : HttpStatus.valueOf(r.getStatusCode().value()).getReasonPhrase();
    }

    private static String typeName(Class<?> type) {
        return type.isEnum() ? "one of " + java.util.Arrays.toString(type.getEnumConstants())
                : "a " + type.getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }

    /** The parameter's name on the wire ({@code long}, {@code Idempotency-Key}), not in Java ({@code _long}). */
    private static String wireName(MethodParameter p) {
        RequestParam param = p.getParameterAnnotation(RequestParam.class);
        RequestHeader header = p.getParameterAnnotation(RequestHeader.class);
        return param != null ? param.value() : header != null ? header.value() : p.getParameterName();
    }

    private static String wireName(ConstraintViolation<?> v) {
        String method = null;
        Integer index = null;
        for (Path.Node node : v.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD) {
                method = node.getName();
            } else if (node.getKind() == ElementKind.PARAMETER) {
                index = node.as(Path.ParameterNode.class).getParameterIndex();
            }
        }
        if (method != null && index != null) {
            for (Method m : Open311Api.class.getMethods()) {
                if (m.getName().equals(method) && index < m.getParameterCount()) {
                    Parameter p = m.getParameters()[index];
                    RequestParam param = p.getAnnotation(RequestParam.class);
                    RequestHeader header = p.getAnnotation(RequestHeader.class);
                    if (param != null || header != null) {
                        return param != null ? param.value() : header.value();
                    }
                }
            }
        }
        return v.getPropertyPath().toString();
    }

    private static ResponseEntity<List<Open311Error>> list(HttpStatusCode status, List<String> descriptions) {
        if (descriptions.isEmpty()) {
            descriptions = List.of(HttpStatus.valueOf(status.value()).getReasonPhrase());
        }
        // a description may echo the caller's input: never a My Number, phone number or e-mail address (issue 15)
        List<Open311Error> errors = descriptions.stream().map(d -> new Open311Error(status.value(), PersonalData.mask(d))).toList();
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(errors);
    }
}
