package jp.kama.hub.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds {@code kama-platform-defaults.yml} as the lowest-priority property source, so every
 * service with messaging shares one set of defaults (Kafka producer timeouts for the outbox,
 * Flyway locations, the binders' health) and can still override any of them in its own YAML.
 */
public class PlatformDefaults implements EnvironmentPostProcessor {

    static final String RESOURCE = "kama-platform-defaults.yml";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            List<PropertySource<?>> sources = new YamlPropertySourceLoader().load("kama-platform-defaults", new ClassPathResource(RESOURCE));
            sources.forEach(environment.getPropertySources()::addLast);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
