package jp.kama.hub.gateway.problem;

import jp.kama.hub.gateway.limits.BodyTooLargeException;
import jp.kama.hub.platform.web.problem.Problem;
import jp.kama.hub.platform.web.problem.ProblemMapping;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The gateway's own exceptions mapped onto the hub's problem shape (platform-web writes them,
 * with {@code instance} and {@code requestId}): a streamed body over its limit is 413 naming
 * {@code maxBodySize}.
 */
@Configuration(proxyBeanMethods = false)
class GatewayProblems {

    @Bean
    ProblemMapping<BodyTooLargeException> bodyTooLarge() {
        return ProblemMapping.of(BodyTooLargeException.class, e -> Problem.status(e.getStatusCode().value())
                .detail(e.getReason())
                .withAll(e.problemExtensions()));
    }
}
