package jp.kama.hub.disasters.config;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jp.kama.hub.disasters.errors.ConflictException;
import jp.kama.hub.disasters.errors.InvalidInputException;
import jp.kama.hub.disasters.errors.NotAllowedException;
import jp.kama.hub.disasters.errors.NotFoundException;
import jp.kama.hub.platform.web.problem.FieldProblem;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The domain's refusals as RFC 9457 problem+json, in the platform's shape ({@code errors}
 * naming each bad field). Malformed input is 400, well-formed but unacceptable input 422.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ProblemResponses {

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidInputException e, HttpServletRequest request) {
        HttpStatus status = e.malformed() ? HttpStatus.BAD_REQUEST : HttpStatus.UNPROCESSABLE_CONTENT;
        List<FieldProblem> errors = e.issues().stream().map(i -> new FieldProblem(i.field(), i.message())).toList();
        return problem(status, e.malformed() ? "Bad Request" : "Unprocessable Content", e.getMessage(), request,
                Map.of("errors", errors));
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e, HttpServletRequest request) {
        return problem(HttpStatus.NOT_FOUND, e.title(), e.getMessage(), request, Map.of());
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<ProblemDetail> conflict(ConflictException e, HttpServletRequest request) {
        return problem(HttpStatus.CONFLICT, "Conflict", e.getMessage(), request, Map.of());
    }

    @ExceptionHandler(NotAllowedException.class)
    ResponseEntity<ProblemDetail> notAllowed(NotAllowedException e, HttpServletRequest request) {
        return problem(HttpStatus.FORBIDDEN, "Forbidden", e.getMessage(), request, Map.of());
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail, HttpServletRequest request,
                                                         Map<String, Object> properties) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        p.setInstance(URI.create(request.getRequestURI()));
        if (!properties.isEmpty()) {
            p.setProperties(properties);
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
}
