package jp.kama.hub.gateway.problem;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * Every error no one else answered (no route: 404; a malformed request: 400; a method a
 * gateway endpoint does not take: 405; anything unexpected: 500) as problem+json, or Open311's
 * error list on {@code /open311/**}. Replaces Spring Boot's default handler, which answers
 * {@code application/json} in its own shape. Runs before it (order -2; Boot's is -1).
 */
@Component
@Order(-2)
class ProblemErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorHandler.class);

    private final ProblemResponseWriter problems;

    ProblemErrorHandler(ProblemResponseWriter problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        String path = exchange.getRequest().getPath().value();
        HttpStatusCode status = error instanceof ErrorResponse response ? response.getStatusCode()
                : HttpStatus.INTERNAL_SERVER_ERROR;
        String detail;
        if (status.value() == HttpStatus.NOT_FOUND.value()) {
            detail = "Nothing here: no service of the hub answers " + exchange.getRequest().getMethod() + " " + path
                    + ". The paths are in the hub's OpenAPI contracts (under /api, or /public, /feeds, /open311).";
        } else if (status.is5xxServerError()) {
            log.error("Unexpected error answering {} {}", exchange.getRequest().getMethod(), path, error);
            detail = "The gateway failed to handle this request. Quote the request id when you report it.";
        } else {
            detail = error instanceof ErrorResponse response && response.getBody().getDetail() != null
                    ? response.getBody().getDetail()
                    : HttpStatus.valueOf(status.value()).getReasonPhrase();
        }
        if (error instanceof MethodNotAllowedException notAllowed && !notAllowed.getSupportedMethods().isEmpty()) {
            exchange.getResponse().getHeaders().setAllow(notAllowed.getSupportedMethods());
        }
        // the members an error's own problem body carries (limits' 413: maxBodySize)
        Map<String, Object> extensions = error instanceof ErrorResponse response && response.getBody().getProperties() != null
                ? response.getBody().getProperties() : Map.of();
        return problems.write(exchange, status, title(status), detail, path, extensions);
    }

    private static String title(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known != null ? known.getReasonPhrase() : "Error " + status.value();
    }
}
