package jp.kama.hub.cases.caseapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jp.kama.hub.cases.access.NoDepartmentException;
import jp.kama.hub.cases.casefile.Case;
import jp.kama.hub.cases.casefile.CaseNotFoundException;
import jp.kama.hub.cases.casefile.CaseStatus;
import jp.kama.hub.cases.casefile.IllegalTransitionException;
import jp.kama.hub.cases.casefile.InvalidTransitionException;
import jp.kama.hub.cases.casefile.LastReportException;
import jp.kama.hub.cases.casequery.NoContactException;
import jp.kama.hub.cases.triage.StaleCaseException;
import jp.kama.hub.cases.web.BadParameterException;
import jp.kama.hub.cases.web.UnprocessableFieldException;
import jp.kama.hub.platform.web.problem.FieldProblem;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;

/**
 * problem+json for case-service's own errors, before the platform's generic handler: a case
 * the caller may not see is a 404 "Case not found", a department staff token without a
 * department a 403; a 409
 * names the current state, version and allowed next states so the console can reload and
 * offer the right buttons; a 422 lists the fields like a 400 does.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class CaseProblems {

    @ExceptionHandler(CaseNotFoundException.class)
    ResponseEntity<ProblemDetail> caseNotFound(CaseNotFoundException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        p.setTitle("Case not found");
        return problem(p);
    }

    @ExceptionHandler(NoContactException.class)
    ResponseEntity<ProblemDetail> noContact(NoContactException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        p.setTitle("Not Found");
        return problem(p);
    }

    @ExceptionHandler(NoDepartmentException.class)
    ResponseEntity<ProblemDetail> noDepartment(NoDepartmentException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
        p.setTitle("Forbidden");
        return problem(p);
    }

    @ExceptionHandler(IllegalTransitionException.class)
    ResponseEntity<ProblemDetail> illegal(IllegalTransitionException e) {
        return conflict("Transition not allowed", e.getMessage(), e.current(), e.version());
    }

    @ExceptionHandler(StaleCaseException.class)
    ResponseEntity<ProblemDetail> stale(StaleCaseException e) {
        Case c = e.current();
        return conflict("Case changed meanwhile", e.getMessage(), c.status(), c.version());
    }

    @ExceptionHandler(LastReportException.class)
    ResponseEntity<ProblemDetail> lastReport(LastReportException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        p.setTitle("Cannot split the only report");
        return problem(p);
    }

    @ExceptionHandler(InvalidTransitionException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidTransitionException e) {
        return unprocessable("The transition is incomplete.",
                e.fieldErrors().entrySet().stream().map(x -> new FieldProblem(x.getKey(), x.getValue())).toList());
    }

    @ExceptionHandler(UnprocessableFieldException.class)
    ResponseEntity<ProblemDetail> unprocessableField(UnprocessableFieldException e) {
        return unprocessable(e.getMessage(), List.of(new FieldProblem(e.field(), e.getMessage())));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ProblemDetail> missingHeader(MissingRequestHeaderException e) {
        return badRequest(new FieldProblem(e.getHeaderName(), "header is required"));
    }

    /**
     * A header or query parameter failed the contract's constraints: named as the client sends
     * it ({@code Idempotency-Key}, {@code bbox}), not by the Java parameter name.
     */
    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ProblemDetail> invalidParameter(HandlerMethodValidationException e) {
        List<FieldProblem> errors = new ArrayList<>();
        e.getParameterValidationResults().forEach(r -> {
            MethodParameter mp = r.getMethodParameter();
            RequestHeader header = mp.getParameterAnnotation(RequestHeader.class);
            RequestParam param = mp.getParameterAnnotation(RequestParam.class);
            String name = header != null ? header.value() : param != null ? param.value() : mp.getParameterName();
            if (r instanceof ParameterErrors body) {
                // a @Valid body validated together with constrained headers: name the body's fields
                body.getFieldErrors().forEach(fe -> errors.add(new FieldProblem(fe.getField(), fe.getDefaultMessage())));
                body.getGlobalErrors().forEach(ge -> errors.add(new FieldProblem(name, ge.getDefaultMessage())));
            } else {
                r.getResolvableErrors().forEach(err -> errors.add(new FieldProblem(name, err.getDefaultMessage())));
            }
        });
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "A request parameter is invalid.");
        p.setTitle("Bad Request");
        p.setProperties(Map.of("errors", errors));
        return problem(p);
    }

    /** Wire names of the constrained parameters whose Java names differ. */
    private static final Map<String, String> WIRE_NAMES = Map.of("idempotencyKey", "Idempotency-Key", "ifMatch", "If-Match",
            "_long", "long", "serviceCode", "service_code", "addressString", "address_string", "firstName", "first_name",
            "lastName", "last_name", "serviceRequestId", "service_request_id");

    /**
     * Method validation of the generated interfaces (headers, query parameters) reports paths
     * like {@code submitReport.idempotencyKey}; the client knows the parameter by its wire name.
     */
    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException e) {
        List<FieldProblem> errors = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            String parameter = null;
            List<String> properties = new ArrayList<>();
            for (Path.Node node : v.getPropertyPath()) {
                if (node.getKind() == ElementKind.PARAMETER) {
                    parameter = node.getName();
                } else if (node.getKind() == ElementKind.PROPERTY) {
                    properties.add(node.getName());
                }
            }
            String field = !properties.isEmpty() ? String.join(".", properties)
                    : parameter != null ? WIRE_NAMES.getOrDefault(parameter, parameter) : v.getPropertyPath().toString();
            errors.add(new FieldProblem(field, v.getMessage()));
        }
        errors.sort(java.util.Comparator.comparing(FieldProblem::field));
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request is invalid.");
        p.setTitle("Bad Request");
        p.setProperties(Map.of("errors", errors));
        return problem(p);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missingParameter(MissingServletRequestParameterException e) {
        return badRequest(new FieldProblem(e.getParameterName(), "parameter is required"));
    }

    @ExceptionHandler(BadParameterException.class)
    ResponseEntity<ProblemDetail> badParameter(BadParameterException e) {
        return badRequest(new FieldProblem(e.field(), e.getMessage()));
    }

    private static ResponseEntity<ProblemDetail> conflict(String title, String detail, CaseStatus current, long version) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
        p.setTitle(title);
        p.setProperties(Map.of(
                "currentStatus", current.name(),
                "currentVersion", version,
                "allowedTransitions", current.next().stream().map(Enum::name).sorted().toList()));
        return problem(p);
    }

    private static ResponseEntity<ProblemDetail> unprocessable(String detail, List<FieldProblem> errors) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, detail);
        p.setTitle("Unprocessable Content");
        p.setProperties(Map.of("errors", errors));
        return problem(p);
    }

    private static ResponseEntity<ProblemDetail> badRequest(FieldProblem error) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "A request parameter is invalid.");
        p.setTitle("Bad Request");
        p.setProperties(Map.of("errors", List.of(error)));
        return problem(p);
    }

    private static ResponseEntity<ProblemDetail> problem(ProblemDetail p) {
        return ResponseEntity.status(p.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
}
