package jp.kama.hub.platform.web;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds {@code kama-web-servlet-defaults.yml} as the lowest-priority property source of a
 * servlet application (the services behind the gateway: forwarded headers honoured, so a
 * problem's {@code instance} carries the gateway's prefix; Spring's own problem details off),
 * which its own YAML overrides.
 * Not for a reactive application: the gateway is the edge and must not trust a client's
 * {@code X-Forwarded-*}.
 */
public class WebDefaults implements EnvironmentPostProcessor {

    static final String RESOURCE = "kama-web-servlet-defaults.yml";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String configured = environment.getProperty("spring.main.web-application-type");
        WebApplicationType type = configured != null ? WebApplicationType.valueOf(configured.trim().toUpperCase(java.util.Locale.ROOT))
                : application.getWebApplicationType();
        if (type != WebApplicationType.SERVLET) {
            return;
        }
        try {
            new YamlPropertySourceLoader().load("kama-web-servlet-defaults", new ClassPathResource(RESOURCE))
                    .forEach(environment.getPropertySources()::addLast);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
