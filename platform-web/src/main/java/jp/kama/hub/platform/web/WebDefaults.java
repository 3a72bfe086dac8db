package jp.kama.hub.platform.web;

/**
 * Adds {@code kama-web-servlet-defaults.yml} to a servlet application (the services behind the
 * gateway: forwarded headers honoured, so a problem's {@code instance} carries the gateway's
 * prefix; Spring's own problem details off), which its own YAML overrides.
 * Not for a reactive application: the gateway is the edge and must not trust a client's
 * {@code X-Forwarded-*}.
 */
public class WebDefaults extends ServletDefaultsFile {

    static final String RESOURCE = "kama-web-servlet-defaults.yml";

    public WebDefaults() {
        super(RESOURCE);
    }
}
