package jp.kama.hub.platform.security;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds {@code kama-security-servlet-defaults.yml} (where the resource server finds Keycloak's
 * issuer and JWKS) as the lowest-priority property source of a servlet application; its own
 * YAML overrides it. The reactive gateway configures its resource server itself.
 */
public class SecurityDefaults implements EnvironmentPostProcessor {

    static final String RESOURCE = "kama-security-servlet-defaults.yml";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String configured = environment.getProperty("spring.main.web-application-type");
        WebApplicationType type = configured != null ? WebApplicationType.valueOf(configured.trim().toUpperCase(java.util.Locale.ROOT))
                : application.getWebApplicationType();
        if (type != WebApplicationType.SERVLET) {
            return;
        }
        try {
            new YamlPropertySourceLoader().load("kama-security-servlet-defaults", new ClassPathResource(RESOURCE))
                    .forEach(environment.getPropertySources()::addLast);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
