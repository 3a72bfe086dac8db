package jp.kama.hub.platform.web.reactive;

import java.util.ArrayList;
import java.util.List;

import jp.kama.hub.platform.web.problem.FieldProblem;
import jp.kama.hub.platform.web.problem.Problem;
import jp.kama.hub.platform.web.problem.ProblemMappings;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

/**
 * Every error no one else answered, as problem+json: first a service's
 * {@link jp.kama.hub.platform.web.problem.ProblemMapping}, then Spring's own status
 * ({@link ErrorResponse}: 400 for a malformed request, naming the bad body field or every
 * invalid one, 404 where nothing answers, 405 with
 * {@code Allow}), anything else a 500 without internals (the stack trace goes to the log).
 * Replaces Spring Boot's default handler, which answers {@code application/json} in its own
 * shape: order -2, Boot's is -1.
 */
public final class ProblemErrorWebExceptionHandler implements ErrorWebExceptionHandler, Ordered {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorWebExceptionHandler.class);

    private final ReactiveProblemWriter problems;
    private final ProblemMappings mappings;
    private final @Nullable String notFoundHint;

    /**
     * @param notFoundHint appended to a 404's detail, e.g. where the paths are documented
     *                     ({@code kama.problem.not-found-hint})
     */
    public ProblemErrorWebExceptionHandler(ReactiveProblemWriter problems, ProblemMappings mappings,
            @Nullable String notFoundHint) {
        this.problems = problems;
        this.mappings = mappings;
        this.notFoundHint = notFoundHint;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        Problem.Builder mapped = mappings.find(error);
        if (mapped != null) {
            return problems.write(exchange, mapped);
        }
        if (error instanceof WebExchangeBindException invalid) {
            List<FieldProblem> errors = new ArrayList<>();
            invalid.getFieldErrors().forEach(fe -> errors.add(new FieldProblem(fe.getField(), fe.getDefaultMessage())));
            invalid.getGlobalErrors().forEach(ge -> errors.add(new FieldProblem(ge.getObjectName(), ge.getDefaultMessage())));
            return problems.write(exchange, Problem.status(HttpStatus.BAD_REQUEST).detail("The request body is invalid.").errors(errors));
        }
        if (error instanceof ServerWebInputException unreadable) {
            List<FieldProblem> errors = BodyErrors.of(unreadable);
            if (!errors.isEmpty()) {
                return problems.write(exchange, Problem.status(HttpStatus.BAD_REQUEST).detail("The request body is invalid.").errors(errors));
            }
        }
        String path = exchange.getRequest().getPath().value();
        HttpStatusCode status = error instanceof ErrorResponse response ? response.getStatusCode()
                : HttpStatus.INTERNAL_SERVER_ERROR;
        String detail;
        if (status.value() == HttpStatus.NOT_FOUND.value()) {
            detail = "Nothing here: nothing answers " + exchange.getRequest().getMethod() + " " + path + "."
                    + (notFoundHint == null || notFoundHint.isBlank() ? "" : " " + notFoundHint);
        } else if (status.is5xxServerError()) {
            try (var requestId = RequestIdWebFilter.inLogs(exchange)) {
                log.error("Unexpected error answering {} {}", exchange.getRequest().getMethod(), path, error);
            }
            detail = "The server failed to handle this request. Quote the request id when you report it.";
        } else {
            detail = error instanceof ErrorResponse response && response.getBody().getDetail() != null
                    ? response.getBody().getDetail()
                    : reasonPhrase(status);
        }
        if (error instanceof MethodNotAllowedException notAllowed && !notAllowed.getSupportedMethods().isEmpty()) {
            exchange.getResponse().getHeaders().setAllow(notAllowed.getSupportedMethods());
        }
        return problems.write(exchange, Problem.status(status.value()).detail(detail));
    }

    private static String reasonPhrase(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known != null ? known.getReasonPhrase() : "Error " + status.value();
    }

    @Override
    public int getOrder() {
        return -2;
    }
}
