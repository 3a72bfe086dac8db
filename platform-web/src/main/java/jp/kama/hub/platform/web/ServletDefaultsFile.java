package jp.kama.hub.platform.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * A starter's defaults file, added as the lowest-priority property source of a <em>servlet</em>
 * application only (the application's own YAML overrides every line of it). Each starter that
 * ships servlet defaults names its file in a subclass registered as an
 * {@link EnvironmentPostProcessor}; a reactive application (the gateway) never reads them.
 */
public abstract class ServletDefaultsFile implements EnvironmentPostProcessor {

    private final String resource;

    protected ServletDefaultsFile(String resource) {
        this.resource = resource;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String configured = environment.getProperty("spring.main.web-application-type");
        WebApplicationType type = configured != null ? WebApplicationType.valueOf(configured.trim().toUpperCase(Locale.ROOT))
                : application.getWebApplicationType();
        if (type != WebApplicationType.SERVLET) {
            return;
        }
        try {
            new YamlPropertySourceLoader().load(resource.replace(".yml", ""), new ClassPathResource(resource))
                    .forEach(environment.getPropertySources()::addLast);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
