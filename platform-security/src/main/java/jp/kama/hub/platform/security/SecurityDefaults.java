package jp.kama.hub.platform.security;

import jp.kama.hub.platform.web.ServletDefaultsFile;

/**
 * Adds {@code kama-security-servlet-defaults.yml} (where the resource server finds Keycloak's
 * issuer and JWKS) as the lowest-priority property source of a servlet application; its own
 * YAML overrides it. The reactive gateway configures its resource server itself.
 */
public class SecurityDefaults extends ServletDefaultsFile {

    static final String RESOURCE = "kama-security-servlet-defaults.yml";

    public SecurityDefaults() {
        super(RESOURCE);
    }
}
