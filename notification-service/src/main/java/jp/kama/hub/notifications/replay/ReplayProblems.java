package jp.kama.hub.notifications.replay;

import jp.kama.hub.platform.web.problem.Problem;
import jp.kama.hub.platform.web.problem.ProblemMapping;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

/** The replay's refusals as the hub's problem+json (platform-web writes them), and its settings. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReplayProperties.class)
class ReplayProblems {

    @Bean
    ProblemMapping<ReplayRefused> replayRefused() {
        return ProblemMapping.of(ReplayRefused.class, e -> switch (e.reason()) {
            case BAD_RANGE -> Problem.status(HttpStatus.UNPROCESSABLE_CONTENT).detail(e.getMessage());
            case TOO_MUCH -> Problem.status(HttpStatus.CONTENT_TOO_LARGE).detail(e.getMessage());
            case BUSY, UNAVAILABLE -> Problem.status(HttpStatus.SERVICE_UNAVAILABLE).detail(e.getMessage()).header("Retry-After", "5");
        });
    }
}
