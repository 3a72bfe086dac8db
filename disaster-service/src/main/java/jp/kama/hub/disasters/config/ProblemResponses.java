package jp.kama.hub.disasters.config;

import jp.kama.hub.disasters.errors.ConflictException;
import jp.kama.hub.disasters.errors.CoreSystemUnavailableException;
import jp.kama.hub.disasters.errors.InvalidInputException;
import jp.kama.hub.disasters.errors.NotAllowedException;
import jp.kama.hub.disasters.errors.NotFoundException;
import jp.kama.hub.platform.web.problem.FieldProblem;
import jp.kama.hub.platform.web.problem.Problem;
import jp.kama.hub.platform.web.problem.ProblemMapping;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

/**
 * The domain's refusals mapped onto the hub's problem+json (platform-web writes them with
 * {@code instance}, {@code requestId} and {@code errors} naming each bad field). Malformed input
 * is 400, well-formed but unacceptable input 422.
 */
@Configuration(proxyBeanMethods = false)
class ProblemResponses {

    @Bean
    ProblemMapping<InvalidInputException> invalidInput() {
        return ProblemMapping.of(InvalidInputException.class, e -> Problem
                .status(e.malformed() ? HttpStatus.BAD_REQUEST : HttpStatus.UNPROCESSABLE_CONTENT)
                .detail(e.getMessage())
                .errors(e.issues().stream().map(i -> new FieldProblem(i.field(), i.message())).toList()));
    }

    @Bean
    ProblemMapping<NotFoundException> notFound() {
        return ProblemMapping.of(NotFoundException.class,
                e -> Problem.status(HttpStatus.NOT_FOUND).title(e.title()).detail(e.getMessage()));
    }

    @Bean
    ProblemMapping<ConflictException> conflict() {
        return ProblemMapping.of(ConflictException.class, e -> Problem.status(HttpStatus.CONFLICT).detail(e.getMessage()));
    }

    @Bean
    ProblemMapping<CoreSystemUnavailableException> coreSystemUnavailable() {
        return ProblemMapping.of(CoreSystemUnavailableException.class, e -> Problem.status(HttpStatus.SERVICE_UNAVAILABLE)
                .detail(e.getMessage()).header("Retry-After", Long.toString(e.retryAfterSeconds()))
                .with("reason", e.reason()).with("retryAfterSeconds", e.retryAfterSeconds()));
    }

    @Bean
    ProblemMapping<NotAllowedException> notAllowed() {
        return ProblemMapping.of(NotAllowedException.class, e -> Problem.status(HttpStatus.FORBIDDEN).detail(e.getMessage()));
    }
}
