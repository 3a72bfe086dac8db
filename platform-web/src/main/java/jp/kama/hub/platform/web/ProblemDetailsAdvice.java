package jp.kama.hub.platform.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.validation.ConstraintViolationException;
import jp.kama.hub.platform.web.problem.FieldProblem;
import jp.kama.hub.platform.web.problem.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.core.MethodParameter;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

/**
 * Every bad request becomes an RFC 9457 problem (Spring MVC's {@link ProblemDetail}) with an
 * {@code errors} list naming each bad field by its JSON path, e.g.
 * {@code {"field":"location.latitude","message":"must be less than or equal to 90"}}.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        for (FieldError fe : ex.getBindingResult().getFieldErrors()) {
            errors.add(new FieldProblem(fe.getField(), fe.getDefaultMessage()));
        }
        ex.getBindingResult().getGlobalErrors().forEach(ge -> errors.add(new FieldProblem(ge.getObjectName(), ge.getDefaultMessage())));
        return badRequest("The request body is invalid.", errors, headers);
    }

    /**
     * A header or query parameter failed the contract's constraints: named as the client sends
     * it ({@code Idempotency-Key}, {@code bbox}), not by the Java parameter name; a {@code @Valid}
     * body validated together with constrained headers is named by its fields.
     */
    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex, HttpHeaders headers,
                                                                            HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        ex.getParameterValidationResults().forEach(r -> {
            String name = wireName(r.getMethodParameter());
            if (r instanceof ParameterErrors body) {
                body.getFieldErrors().forEach(fe -> errors.add(new FieldProblem(fe.getField(), fe.getDefaultMessage())));
                body.getGlobalErrors().forEach(ge -> errors.add(new FieldProblem(name, ge.getDefaultMessage())));
            } else {
                r.getResolvableErrors().forEach(e -> errors.add(new FieldProblem(name, e.getDefaultMessage())));
            }
        });
        return badRequest("A request parameter is invalid.", errors, headers);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return badRequest("A request parameter is invalid.",
                List.of(new FieldProblem(ex.getParameterName(), "parameter is required")), headers);
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<Object> missingHeader(MissingRequestHeaderException ex) {
        return badRequest("A request parameter is invalid.",
                List.of(new FieldProblem(ex.getHeaderName(), "header is required")), new HttpHeaders());
    }

    /** The name a client uses for a parameter: its header or query name where the annotation gives one. */
    public static String wireName(MethodParameter parameter) {
        RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
        if (header != null && !header.value().isEmpty()) {
            return header.value();
        }
        RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
        if (param != null && !param.value().isEmpty()) {
            return param.value();
        }
        return String.valueOf(parameter.getParameterName());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        // every bad field at once (EveryFieldJsonConverter), possibly ended by one it could not read past
        List<FieldProblem> collected = BodyProblems.collected(ex);
        if (!collected.isEmpty()) {
            return badRequest("The request body is invalid.", collected, headers);
        }
        // the binding error (with the JSON path) may wrap the real cause, e.g. an enum's creator
        for (Throwable t = ex.getCause(); t != null; t = t.getCause()) {
            if (t instanceof DatabindException de && !de.getPath().isEmpty()) {
                Throwable root = ex.getMostSpecificCause();
                // the root cause (an enum's creator, a constructor) speaks Java: only Jackson's words, cleaned, go out
                String message = root == de || root instanceof JacksonException ? BodyProblems.clientMessage((JacksonException) root)
                        : BodyProblems.sanitized(root.getMessage());
                return badRequest("The request body is invalid.", List.of(new FieldProblem(BodyProblems.fieldPath(de.getPath()), message)), headers);
            }
        }
        Throwable cause = ex.getMostSpecificCause();
        String detail = cause instanceof JacksonException je ? BodyProblems.clientMessage(je) : "The request body is missing or not JSON.";
        return badRequest("The request body could not be read: " + detail, List.of(), headers);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException ex) {
        String expected = ex.getRequiredType() == null ? "another type" : ex.getRequiredType().getSimpleName();
        return badRequest("A request parameter is invalid.",
                List.of(new FieldProblem(ex.getName(), "must be a " + expected)), new HttpHeaders());
    }

    @ExceptionHandler(InvalidParametersException.class)
    ResponseEntity<Object> invalidParameters(InvalidParametersException ex) {
        return badRequest("A request parameter is invalid.", ex.problems(), new HttpHeaders());
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> constraintViolation(ConstraintViolationException ex) {
        List<FieldProblem> errors = ex.getConstraintViolations().stream()
                .map(v -> new FieldProblem(v.getPropertyPath().toString(), v.getMessage()))
                .sorted(Comparator.comparing(FieldProblem::field))
                .toList();
        return badRequest("The request is invalid.", errors, new HttpHeaders());
    }

    /**
     * Anything no handler and no {@link jp.kama.hub.platform.web.problem.ProblemMapping} answered:
     * 500 without internals (the stack trace goes to the log, under the request id). Spring
     * Security's exceptions are thrown on, so its filter still answers 401/403.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception ex) throws Exception {
        if (isSecurityException(ex)) {
            throw ex;
        }
        if (isBadParameterEncoding(ex)) {
            // Tomcat 11 throws when a query or form parameter is not valid percent-encoded UTF-8 (%zz, a lone surrogate's bytes)
            return badRequest("A request parameter is not validly encoded: percent-encoded UTF-8 is expected.", List.of(), new HttpHeaders());
        }
        log.error("Unexpected error", ex);
        ProblemDetail problem = Problem.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .detail("The service failed to handle this request. Quote the request id when you report it.")
                .build().toProblemDetail();
        return ResponseEntity.internalServerError().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static boolean isBadParameterEncoding(Throwable ex) {
        // by name: Tomcat is not the only servlet container
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t.getClass().getName().equals("org.apache.tomcat.util.http.InvalidParameterException")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSecurityException(Throwable ex) {
        // by name: Spring Security is optional here
        for (Class<?> c = ex.getClass(); c != null; c = c.getSuperclass()) {
            String name = c.getName();
            if (name.equals("org.springframework.security.access.AccessDeniedException")
                    || name.equals("org.springframework.security.core.AuthenticationException")) {
                return true;
            }
        }
        return false;
    }

    private static ResponseEntity<Object> badRequest(String detail, List<FieldProblem> errors, HttpHeaders headers) {
        ProblemDetail problem = Problem.status(HttpStatus.BAD_REQUEST).detail(detail).errors(errors).build().toProblemDetail();
        return ResponseEntity.badRequest().headers(headers).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
