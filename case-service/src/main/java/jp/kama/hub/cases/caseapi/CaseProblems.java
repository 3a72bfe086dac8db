package jp.kama.hub.cases.caseapi;

import java.util.ArrayList;
import java.util.Comparator;
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
import jp.kama.hub.cases.casefile.NotAnExerciseException;
import jp.kama.hub.cases.casequery.NoContactException;
import jp.kama.hub.cases.triage.StaleCaseException;
import jp.kama.hub.cases.web.BadParameterException;
import jp.kama.hub.cases.web.DatabaseUnavailable;
import jp.kama.hub.cases.web.UnprocessableFieldException;
import jp.kama.hub.platform.web.problem.FieldProblem;
import jp.kama.hub.platform.web.problem.Problem;
import jp.kama.hub.platform.web.problem.ProblemMapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.TransactionException;

/**
 * case-service's own errors mapped onto the hub's problem+json (platform-web writes them, with
 * {@code instance} and {@code requestId}): a case the caller may not see is a 404 "Case not
 * found", a department staff token without a department a 403; a 409 names the current state,
 * version and allowed next states so the console can reload and offer the right buttons; a 422
 * lists the fields like a 400 does. The Open311 controller answers its own errors in Open311's
 * format ({@code open311.Open311Errors}): its own handler comes before these mappings.
 */
@Configuration(proxyBeanMethods = false)
class CaseProblems {

    @Bean
    ProblemMapping<CaseNotFoundException> caseNotFound() {
        return ProblemMapping.of(CaseNotFoundException.class,
                e -> Problem.status(HttpStatus.NOT_FOUND).title("Case not found").detail(e.getMessage()));
    }

    @Bean
    ProblemMapping<NoContactException> noContact() {
        return ProblemMapping.of(NoContactException.class, e -> Problem.status(HttpStatus.NOT_FOUND).detail(e.getMessage()));
    }

    @Bean
    ProblemMapping<NoDepartmentException> noDepartment() {
        return ProblemMapping.of(NoDepartmentException.class, e -> Problem.status(HttpStatus.FORBIDDEN).detail(e.getMessage()));
    }

    @Bean
    ProblemMapping<IllegalTransitionException> illegalTransition() {
        return ProblemMapping.of(IllegalTransitionException.class,
                e -> conflict("Transition not allowed", e.getMessage(), e.current(), e.version()));
    }

    @Bean
    ProblemMapping<StaleCaseException> staleCase() {
        return ProblemMapping.of(StaleCaseException.class, e -> {
            Case c = e.current();
            return conflict("Case changed meanwhile", e.getMessage(), c.status(), c.version());
        });
    }

    @Bean
    ProblemMapping<LastReportException> lastReport() {
        return ProblemMapping.of(LastReportException.class, e -> Problem.status(HttpStatus.CONFLICT)
                .title("Cannot split the only report").detail(e.getMessage()));
    }

    @Bean
    ProblemMapping<NotAnExerciseException> notAnExercise() {
        return ProblemMapping.of(NotAnExerciseException.class, e -> Problem.status(HttpStatus.CONFLICT)
                .title("Not an exercise").detail(e.getMessage()));
    }

    @Bean
    ProblemMapping<InvalidTransitionException> invalidTransition() {
        return ProblemMapping.of(InvalidTransitionException.class, e -> Problem.status(HttpStatus.UNPROCESSABLE_CONTENT)
                .detail("The transition is incomplete.")
                .errors(e.fieldErrors().entrySet().stream().map(x -> new FieldProblem(x.getKey(), x.getValue())).toList()));
    }

    @Bean
    ProblemMapping<UnprocessableFieldException> unprocessableField() {
        return ProblemMapping.of(UnprocessableFieldException.class, e -> Problem.status(HttpStatus.UNPROCESSABLE_CONTENT)
                .detail(e.getMessage()).error(e.field(), e.getMessage()));
    }

    @Bean
    ProblemMapping<BadParameterException> badParameter() {
        return ProblemMapping.of(BadParameterException.class, e -> Problem.status(HttpStatus.BAD_REQUEST)
                .detail("A request parameter is invalid.").error(e.field(), e.getMessage()));
    }

    private static final Logger log = LoggerFactory.getLogger(CaseProblems.class);

    /**
     * The database unreachable (restarting, a connection broken mid-request, the pool out of
     * time): 503 with {@code Retry-After}, so a client sends the same request again with the
     * same {@code Idempotency-Key} rather than giving up on a 500 (fault drill R3). Any other
     * database error is declined, and stays the platform's 500.
     */
    @Bean
    ProblemMapping<DataAccessException> databaseUnavailable() {
        return ProblemMapping.of(DataAccessException.class, CaseProblems::unavailableOrDecline);
    }

    /** The same for a transaction that could not begin or commit because the connection went away. */
    @Bean
    ProblemMapping<TransactionException> transactionDatabaseUnavailable() {
        return ProblemMapping.of(TransactionException.class, CaseProblems::unavailableOrDecline);
    }

    private static Problem.Builder unavailableOrDecline(Exception e) {
        if (!DatabaseUnavailable.isOutage(e)) {
            return null;
        }
        log.warn("database unavailable, answering 503: {}", e.toString());
        return Problem.status(HttpStatus.SERVICE_UNAVAILABLE).title("Service unavailable")
                .detail("The case database cannot be reached for a moment. Send the same request again, with the same "
                        + "Idempotency-Key, after Retry-After seconds.")
                .header("Retry-After", Long.toString(DatabaseUnavailable.RETRY_AFTER.toSeconds()));
    }

    /** Wire names of the constrained parameters whose Java names differ. */
    private static final Map<String, String> WIRE_NAMES = Map.of("idempotencyKey", "Idempotency-Key", "ifMatch", "If-Match",
            "_long", "long", "serviceCode", "service_code", "addressString", "address_string", "firstName", "first_name",
            "lastName", "last_name", "serviceRequestId", "service_request_id");

    /**
     * Method validation of the generated interfaces (headers, query parameters) reports paths
     * like {@code submitReport.idempotencyKey}; the client knows the parameter by its wire name.
     */
    @Bean
    ProblemMapping<ConstraintViolationException> constraintViolation() {
        return ProblemMapping.of(ConstraintViolationException.class, e -> {
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
            errors.sort(Comparator.comparing(FieldProblem::field));
            return Problem.status(HttpStatus.BAD_REQUEST).detail("The request is invalid.").errors(errors);
        });
    }

    private static Problem.Builder conflict(String title, String detail, CaseStatus current, long version) {
        return Problem.status(HttpStatus.CONFLICT).title(title).detail(detail)
                .with("currentStatus", current.name())
                .with("currentVersion", version)
                .with("allowedTransitions", current.next().stream().map(Enum::name).sorted().toList());
    }
}
