package jp.kama.hub.gateway.console;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the console page is told at {@code /console/config.json}.
 *
 * @param issuer      the Keycloak realm as the browser reaches it (may differ from the address the
 *                    gateway fetches keys from, e.g. inside docker-compose)
 * @param clientId    the realm's public client for the console
 * @param baseMapUrl  an online tile URL template ({@code https://…/{z}/{x}/{y}.png}); blank means
 *                    none: the map works offline with the city's own outline
 * @param baseMapAttribution the attribution the tile provider asks for
 */
@ConfigurationProperties("kama.console")
record ConsoleProperties(String issuer, String clientId, String baseMapUrl, String baseMapAttribution) {

    boolean hasBaseMap() {
        return baseMapUrl != null && !baseMapUrl.isBlank();
    }

    /** {@code scheme://host[:port]} of a URL, for the Content-Security-Policy. */
    static String origin(String url) {
        java.net.URI u = java.net.URI.create(url.replace("{", "%7B").replace("}", "%7D"));
        return u.getScheme() + "://" + u.getRawAuthority();
    }
}
