package jp.kama.hub.platform.web;

import java.util.List;

import jp.kama.hub.platform.web.problem.ProblemMapping;
import jp.kama.hub.platform.web.problem.ProblemMappings;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * What makes a servlet service's bad requests answer like the README promises: every bad JSON
 * field in one 400, no U+0000 in strings or parameters, {@code requestId} in every problem, a
 * service's own exceptions answered through its {@link ProblemMapping} beans, anything else a 500
 * without internals.
 * (The problem handler itself is {@link ProblemDetailsAdvice}; {@code instance} follows the
 * gateway's {@code X-Forwarded-Prefix} through {@code server.forward-headers-strategy: framework}
 * in {@code kama-web-servlet-defaults.yml}.)
 */
@AutoConfiguration(after = ProblemMappingsAutoConfiguration.class,
        beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration",
        afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
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

    /** Before anything reads a parameter: a My Number in a query or form value is replaced (issue 15). */
    @Bean
    FilterRegistrationBean<MyNumberRedactingParameterFilter> myNumberRedactingParameterFilter() {
        FilterRegistrationBean<MyNumberRedactingParameterFilter> registration =
                new FilterRegistrationBean<>(new MyNumberRedactingParameterFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 12);
        return registration;
    }

    /** Tomcat's own refusals (before any servlet) as problems too: {@link ProblemErrorReportValve}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"org.apache.catalina.valves.ErrorReportValve", "org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory"})
    static class TomcatErrors {

        @Bean
        WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> problemErrorReportValve() {
            return factory -> factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                }
            });
        }
    }

    /** Right after the request id, before Spring's RequestContextFilter reads the locale. */
    @Bean
    FilterRegistrationBean<TolerantLocaleFilter> tolerantLocaleFilter() {
        FilterRegistrationBean<TolerantLocaleFilter> registration = new FilterRegistrationBean<>(new TolerantLocaleFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 11);
        return registration;
    }

    /** In place of Boot's BasicErrorController (which backs off when an ErrorController exists). */
    @Bean
    @ConditionalOnMissingBean(org.springframework.boot.webmvc.error.ErrorController.class)
    ProblemErrorController problemErrorController() {
        return new ProblemErrorController();
    }

    @Bean
    ProblemRequestIdAdvice problemRequestIdAdvice() {
        return new ProblemRequestIdAdvice();
    }

    @Bean
    @ConditionalOnMissingBean
    ProblemDetailsAdvice problemDetailsAdvice() {
        return new ProblemDetailsAdvice();
    }

    /** The services' {@link ProblemMapping}s, ahead of every {@code @ExceptionHandler}. */
    @Bean
    WebMvcConfigurer problemMappingResolver(ProblemMappings mappings, JsonMapper jsonMapper) {
        ProblemMappingExceptionResolver resolver = new ProblemMappingExceptionResolver(mappings, jsonMapper);
        return new WebMvcConfigurer() {
            @Override
            public void extendHandlerExceptionResolvers(List<HandlerExceptionResolver> resolvers) {
                resolvers.addFirst(resolver);
            }
        };
    }
}
