package jp.kama.hub.gateway.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kama.gateway.headers.*}: when the gateway sends {@code Strict-Transport-Security}.
 *
 * @param hsts                  {@code off}, {@code https-only} (Spring Security's default: only on
 *                              requests that reached the gateway over TLS, so never on the plain
 *                              http of the local stack) or {@code always} (every answer: for a
 *                              gateway behind a proxy that terminates TLS and calls it over http)
 * @param hstsMaxAge            how long a browser keeps to https once told
 * @param hstsIncludeSubdomains whether the rule also covers every subdomain of the host
 */
@ConfigurationProperties("kama.gateway.headers")
record SecurityHeadersProperties(
        @DefaultValue("https-only") Hsts hsts,
        @DefaultValue("365d") Duration hstsMaxAge,
        @DefaultValue("false") boolean hstsIncludeSubdomains) {

    enum Hsts {
        OFF, HTTPS_ONLY, ALWAYS
    }

    /** The header's value, e.g. {@code max-age=31536000; includeSubDomains}. */
    String hstsValue() {
        return "max-age=" + hstsMaxAge.toSeconds() + (hstsIncludeSubdomains ? "; includeSubDomains" : "");
    }
}
