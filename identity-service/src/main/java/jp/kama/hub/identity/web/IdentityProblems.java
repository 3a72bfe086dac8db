package jp.kama.hub.identity.web;

import jp.kama.hub.identity.card.CardAuthenticator;
import jp.kama.hub.identity.pkix.CardRefused;
import jp.kama.hub.identity.vault.MyNumber;
import jp.kama.hub.identity.vault.MyNumberVault;
import jp.kama.hub.platform.web.problem.Problem;
import jp.kama.hub.platform.web.problem.ProblemMapping;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * The identity API's refusals mapped onto the hub's problem+json (platform-web writes them, with
 * {@code instance} and {@code requestId}); a refused card adds the contract's {@code reason}.
 * Never echoes a submitted value: the body may hold a My Number, so an unreadable body is named
 * without quoting it (the platform's default would quote the parser's message).
 */
@Configuration(proxyBeanMethods = false)
class IdentityProblems {

    @Bean
    ProblemMapping<CardRefused> cardRefused() {
        return ProblemMapping.of(CardRefused.class, e -> Problem.status(HttpStatus.UNPROCESSABLE_CONTENT)
                .title("Card not accepted").detail(e.getMessage())
                .with("reason", e.reason().name())
                .error(e.reason().field(), e.getMessage()));
    }

    @Bean
    ProblemMapping<MyNumber.InvalidMyNumber> invalidMyNumber() {
        return ProblemMapping.of(MyNumber.InvalidMyNumber.class, e -> Problem.status(HttpStatus.UNPROCESSABLE_CONTENT)
                .title("Invalid My Number").detail("myNumber " + e.getMessage() + ".")
                .error("myNumber", e.getMessage()));
    }

    @Bean
    ProblemMapping<MyNumberVault.LinkedToAnother> linkedToAnother() {
        return ProblemMapping.of(MyNumberVault.LinkedToAnother.class, e -> Problem.status(HttpStatus.CONFLICT)
                .title("Already linked").detail(e.getMessage()));
    }

    @Bean
    ProblemMapping<HttpMessageNotReadableException> unreadable() {
        return ProblemMapping.of(HttpMessageNotReadableException.class, e -> Problem.status(HttpStatus.BAD_REQUEST)
                .detail("The body is not valid JSON of the expected shape.")
                .error("body", "not readable as the expected JSON"));
    }
}
