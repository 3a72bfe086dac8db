package jp.kama.hub.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import jp.kama.hub.platform.web.problem.ProblemMappings;
import jp.kama.hub.platform.web.reactive.ProblemErrorWebExceptionHandler;
import jp.kama.hub.platform.web.reactive.ReactiveProblemWriter;
import jp.kama.hub.platform.web.reactive.ReactiveProblemsAutoConfiguration;
import jp.kama.hub.platform.web.reactive.RequestIdWebFilter;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.util.ClassUtils;

/**
 * platform-web on its own: its reactive configuration loads with no servlet API, no Spring MVC,
 * no JDBC and no Kafka on the classpath (what the gateway has), and the jar brings neither JDBC
 * nor Kafka to anyone.
 */
class StarterAloneTests {

    private static final AutoConfigurations PLATFORM_WEB = AutoConfigurations.of(JacksonAutoConfiguration.class,
            ProblemMappingsAutoConfiguration.class, WebProblemsAutoConfiguration.class,
            ContractDocumentAutoConfiguration.class, ReactiveProblemsAutoConfiguration.class);

    @Test
    void reactiveConfigurationLoadsWithoutServletJdbcOrKafka() {
        new ReactiveWebApplicationContextRunner()
                .withClassLoader(new FilteredClassLoader("jakarta.servlet", "org.springframework.web.servlet",
                        "org.springframework.jdbc", "org.apache.kafka", "org.springframework.kafka"))
                .withConfiguration(PLATFORM_WEB)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).hasSingleBean(ProblemErrorWebExceptionHandler.class)
                            .hasSingleBean(ReactiveProblemWriter.class)
                            .hasSingleBean(RequestIdWebFilter.class)
                            .hasSingleBean(ProblemMappings.class)
                            .doesNotHaveBean(ProblemDetailsAdvice.class)
                            .doesNotHaveBean(ProblemRequestIdAdvice.class);
                });
    }

    @Test
    void servletConfigurationLoadsWithoutTheReactiveParts() {
        new WebApplicationContextRunner()
                .withClassLoader(new FilteredClassLoader("org.springframework.jdbc", "org.apache.kafka"))
                .withConfiguration(PLATFORM_WEB)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).hasSingleBean(ProblemDetailsAdvice.class)
                            .hasSingleBean(ProblemRequestIdAdvice.class)
                            .hasSingleBean(ProblemMappings.class)
                            .doesNotHaveBean(ProblemErrorWebExceptionHandler.class)
                            .doesNotHaveBean(RequestIdWebFilter.class);
                });
    }

    @Test
    void theJarBringsNoJdbcAndNoKafka() {
        assertThat(ClassUtils.isPresent("org.springframework.jdbc.core.JdbcTemplate", null)).isFalse();
        assertThat(ClassUtils.isPresent("org.apache.kafka.clients.producer.Producer", null)).isFalse();
        assertThat(ClassUtils.isPresent("org.springframework.cloud.stream.function.StreamBridge", null)).isFalse();
    }
}
