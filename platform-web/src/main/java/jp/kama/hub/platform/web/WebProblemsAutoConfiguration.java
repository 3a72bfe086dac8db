package jp.kama.hub.platform.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * What makes a servlet service's bad requests answer like the README promises: every bad JSON
 * field in one 400, no U+0000 in strings or parameters, {@code requestId} in every problem.
 * (The problem handler itself is {@link ProblemDetailsAdvice}; {@code instance} follows the
 * gateway's {@code X-Forwarded-Prefix} through {@code server.forward-headers-strategy: framework}
 * in {@code kama-platform-defaults.yml}.)
 */
@AutoConfiguration(afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class WebProblemsAutoConfiguration {

    /** Replaces Boot's JSON converter on the server side (Boot's customizer runs first, at order 0). */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    ServerHttpMessageConvertersCustomizer everyFieldJsonConverter(JsonMapper jsonMapper) {
        return builder -> builder.withJsonConverter(new EveryFieldJsonConverter(jsonMapper));
    }

    @Bean
    WebMvcConfigurer nulParameterCheck() {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new NulParameterInterceptor());
            }
        };
    }

    /** Right after Spring's ForwardedHeaderFilter, before Spring Security (whose 401/403 carry the id too). */
    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    ProblemRequestIdAdvice problemRequestIdAdvice() {
        return new ProblemRequestIdAdvice();
    }
}
