package jp.kama.hub.platform.web.reactive;

import jp.kama.hub.platform.web.ProblemMappingsAutoConfiguration;
import jp.kama.hub.platform.web.NulRejectingStringDeserializer;
import jp.kama.hub.platform.web.problem.ProblemMappings;
import org.springframework.boot.http.codec.CodecCustomizer;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.json.JsonMapper;

/**
 * problem+json and {@code X-Request-Id} for a WebFlux application (the gateway): the request-id
 * filter, U+0000 refused in query parameters and JSON strings, the writer every reactive error answer goes through, and the error handler that
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
    NulParameterWebFilter nulParameterWebFilter(ReactiveProblemWriter writer) {
        return new NulParameterWebFilter(writer);
    }

    /** Strings holding U+0000 are refused in bodies too, as on the servlet side. */
    @Bean
    CodecCustomizer nulRejectingJsonDecoder(JsonMapper jsonMapper) {
        JsonMapper mapper = jsonMapper.rebuild().addModule(NulRejectingStringDeserializer.module()).build();
        return configurer -> configurer.defaultCodecs().jacksonJsonDecoder(new JacksonJsonDecoder(mapper));
    }

    @Bean
    @ConditionalOnMissingBean
    ProblemErrorWebExceptionHandler problemErrorWebExceptionHandler(ReactiveProblemWriter writer,
            ProblemMappings mappings, @Value("${kama.problem.not-found-hint:}") String notFoundHint) {
        return new ProblemErrorWebExceptionHandler(writer, mappings, notFoundHint);
    }
}
