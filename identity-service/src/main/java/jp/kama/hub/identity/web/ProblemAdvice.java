package jp.kama.hub.identity.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jp.kama.hub.identity.card.CardAuthenticator;
import jp.kama.hub.identity.pkix.CardRefused;
import jp.kama.hub.identity.vault.MyNumber;
import jp.kama.hub.identity.vault.MyNumberVault;
import jp.kama.hub.identity.vault.StepUpRequired;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;

/**
 * RFC 9457 problem+json for the identity API, with {@code errors[{field,message}]} naming the
 * fields, as every service of the hub answers. Never echoes a submitted value: the body may hold
 * a My Number.
 */
@RestControllerAdvice(basePackages = { "jp.kama.hub.identity.card", "jp.kama.hub.identity.vault" })
class ProblemAdvice {

    @ExceptionHandler(CardRefused.class)
    ResponseEntity<ProblemDetail> cardRefused(CardRefused ex, HttpServletRequest request) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "Card not accepted", ex.getMessage(), request);
        problem.setProperty("reason", ex.reason().name());
        problem.setProperty("errors", List.of(Map.of("field", ex.reason().field(), "message", ex.getMessage())));
        return respond(HttpStatus.UNPROCESSABLE_CONTENT, problem);
    }

    @ExceptionHandler(MyNumber.InvalidMyNumber.class)
    ResponseEntity<ProblemDetail> invalidMyNumber(MyNumber.InvalidMyNumber ex, HttpServletRequest request) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid My Number",
                "myNumber " + ex.getMessage() + ".", request);
        problem.setProperty("errors", List.of(Map.of("field", "myNumber", "message", ex.getMessage())));
        return respond(HttpStatus.UNPROCESSABLE_CONTENT, problem);
    }

    @ExceptionHandler(MyNumberVault.LinkedToAnother.class)
    ResponseEntity<ProblemDetail> conflict(MyNumberVault.LinkedToAnother ex, HttpServletRequest request) {
        return respond(HttpStatus.CONFLICT, problem(HttpStatus.CONFLICT, "Already linked", ex.getMessage(), request));
    }

    @ExceptionHandler(StepUpRequired.class)
    ResponseEntity<ProblemDetail> stepUp(StepUpRequired ex, HttpServletRequest request) {
        ProblemDetail problem = problem(HttpStatus.UNAUTHORIZED, "Login with your My Number card required", ex.getMessage(),
                request);
        problem.setProperty("acrValues", CardAuthenticator.ACR);
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
            .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_user_authentication\", "
                    + "error_description=\"A login with the My Number card is required\", acr_values=\""
                    + CardAuthenticator.ACR + "\"")
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .body(problem);
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ProblemDetail> invalid(MethodArgumentNotValidException ex, HttpServletRequest request) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", "The request has invalid fields.", request);
        problem.setProperty("errors", ex.getBindingResult().getFieldErrors().stream()
            .map(e -> Map.of("field", e.getField(), "message", String.valueOf(e.getDefaultMessage())))
            .toList());
        return respond(HttpStatus.BAD_REQUEST, problem);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException ex, HttpServletRequest request) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Unreadable request",
                "The body is not valid JSON of the expected shape.", request);
        problem.setProperty("errors", List.of(Map.of("field", "body", "message", "not readable as the expected JSON")));
        return respond(HttpStatus.BAD_REQUEST, problem);
    }

    @ExceptionHandler(ResponseStatusException.class)
    ResponseEntity<ProblemDetail> status(ResponseStatusException ex, HttpServletRequest request) {
        HttpStatus status = HttpStatus.valueOf(ex.getStatusCode().value());
        return respond(status, problem(status, status.getReasonPhrase(), ex.getReason(), request));
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setInstance(URI.create(request.getRequestURI()));
        return problem;
    }

    private static ResponseEntity<ProblemDetail> respond(HttpStatus status, ProblemDetail problem) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

}
