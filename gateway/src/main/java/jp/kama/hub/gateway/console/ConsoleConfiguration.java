package jp.kama.hub.gateway.console;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.WebFilter;

/**
 * The console's own answers. Its files (HTML, JS, CSS) are Boot's static resources under
 * {@code static/console/}, Leaflet comes from its WebJar under {@code /webjars/**}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsoleProperties.class)
class ConsoleConfiguration {

    static final MediaType GEO_JSON = MediaType.parseMediaType("application/geo+json");

    /** Kept once, in contracts: the same file case-service checks report locations against. */
    private static final Resource DISTRICTS = new ClassPathResource("boundary/kama-city-districts.geojson");

    private static final Resource PAGE = new ClassPathResource("static/console/index.html");

    @Bean
    RouterFunction<ServerResponse> consoleRoutes(ConsoleProperties console) {
        return route(GET("/"), request -> ServerResponse.status(302).location(URI.create("/console/")).build())
                .andRoute(GET("/console"), request -> ServerResponse.status(302).location(URI.create("/console/")).build())
                .andRoute(GET("/console/"), request -> ServerResponse.ok().contentType(MediaType.TEXT_HTML)
                        .cacheControl(CacheControl.noCache()).bodyValue(PAGE))
                .andRoute(GET("/console/config.json"), request -> ServerResponse.ok()
                        .contentType(MediaType.APPLICATION_JSON).cacheControl(CacheControl.noStore())
                        .bodyValue(pageConfig(console)))
                .andRoute(GET("/console/districts.geojson"), request -> ServerResponse.ok()
                        .contentType(GEO_JSON).bodyValue(DISTRICTS));
    }

    private static Map<String, Object> pageConfig(ConsoleProperties console) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("issuer", console.issuer());
        config.put("clientId", console.clientId());
        config.put("baseMapUrl", console.hasBaseMap() ? console.baseMapUrl() : null);
        config.put("baseMapAttribution", console.hasBaseMap() ? console.baseMapAttribution() : null);
        return config;
    }

    /**
     * A strict policy for the console's pages: scripts and styles only from this origin (no
     * inline script, no eval), API calls to this origin and Keycloak's token endpoint, images
     * from here (and the base map, when one is configured), never framed.
     */
    @Bean
    WebFilter consoleContentSecurityPolicy(ConsoleProperties console) {
        String images = "'self' data: blob:" + (console.hasBaseMap() ? " " + ConsoleProperties.origin(console.baseMapUrl()) : "");
        String policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src " + images
                + "; connect-src 'self' " + ConsoleProperties.origin(console.issuer())
                + "; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";
        return (exchange, chain) -> {
            if (exchange.getRequest().getPath().value().startsWith("/console")) {
                exchange.getResponse().getHeaders().set("Content-Security-Policy", policy);
                exchange.getResponse().getHeaders().set("Referrer-Policy", "no-referrer");
            }
            return chain.filter(exchange);
        };
    }
}
