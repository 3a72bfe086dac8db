package jp.kama.hub.platform.web.reactive;

import jp.kama.hub.platform.web.ProblemMappingsAutoConfiguration;
import jp.kama.hub.platform.web.problem.ProblemMappings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.json.JsonMapper;

/**
 * problem+json and {@code X-Request-Id} for a WebFlux application (the gateway): the request-id
 * filter, the writer every reactive error answer goes through, and the error handler that
 * replaces Boot's JSON error body.
 */
@AutoConfiguration(after = ProblemMappingsAutoConfiguration.class,
        afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
        beforeName = "org.springframework.boot.webflux.autoconfigure.error.ErrorWebFluxAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class ReactiveProblemsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    RequestIdWebFilter requestIdWebFilter() {
        return new RequestIdWebFilter();
    }

    @Bean
    @ConditionalOnMissingBean
    ReactiveProblemWriter reactiveProblemWriter(JsonMapper jsonMapper, ObjectProvider<ErrorFormat> formats) {
        return new ReactiveProblemWriter(jsonMapper, formats.orderedStream().toList());
    }

    @Bean
    @ConditionalOnMissingBean
    ProblemErrorWebExceptionHandler problemErrorWebExceptionHandler(ReactiveProblemWriter writer,
            ProblemMappings mappings, @Value("${kama.problem.not-found-hint:}") String notFoundHint) {
        return new ProblemErrorWebExceptionHandler(writer, mappings, notFoundHint);
    }
}
