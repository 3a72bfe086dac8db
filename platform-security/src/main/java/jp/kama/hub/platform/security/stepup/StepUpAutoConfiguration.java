package jp.kama.hub.platform.security.stepup;

import jp.kama.hub.platform.web.problem.Problem;
import jp.kama.hub.platform.web.problem.ProblemMapping;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * The step-up refusal (RFC 9470 section 3) as every servlet service answers it: 401, {@code
 * WWW-Authenticate: Bearer error="insufficient_user_authentication", acr_values="…"} and
 * problem+json with {@code acrValues}, so a client knows to send the citizen to the card login.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class StepUpAutoConfiguration {

    /** The value of {@code WWW-Authenticate} in the step-up answer. */
    public static final String CHALLENGE = "Bearer error=\"insufficient_user_authentication\", "
            + "error_description=\"A login with the My Number card is required\", acr_values=\"" + CardLogin.ACR + "\"";

    @Bean
    ProblemMapping<StepUpRequired> stepUpRequiredProblem() {
        return ProblemMapping.of(StepUpRequired.class, e -> Problem.status(HttpStatus.UNAUTHORIZED)
                .title("Login with your My Number card required").detail(e.getMessage())
                .with("acrValues", CardLogin.ACR)
                .header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE));
    }
}
