package jp.kama.hub.notifications.alert;

import jp.kama.hub.platform.web.problem.Problem;
import jp.kama.hub.platform.web.problem.ProblemMapping;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

/** The alert domain's refusals as the hub's problem+json (platform-web writes them). */
@Configuration(proxyBeanMethods = false)
class AlertProblems {

    @Bean
    ProblemMapping<NoSuchAlert> noSuchAlert() {
        return ProblemMapping.of(NoSuchAlert.class, e -> Problem.status(HttpStatus.NOT_FOUND).detail(e.getMessage()));
    }

    @Bean
    ProblemMapping<AlertDraft.ApprovalRefused> approvalRefused() {
        return ProblemMapping.of(AlertDraft.ApprovalRefused.class, e -> Problem.status(switch (e.reason()) {
            case ALREADY_PUBLISHED -> HttpStatus.CONFLICT;
            case SELF_APPROVAL -> HttpStatus.FORBIDDEN;
        }).detail(e.getMessage()));
    }
}
