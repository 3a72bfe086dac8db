package jp.kama.hub.gateway.reportform;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import java.net.URI;

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
 * The report form's own answers. Its other files (JS, CSS, the service worker, the manifest) are
 * Boot's static resources under {@code static/report/}; Leaflet comes from its WebJar.
 */
@Configuration(proxyBeanMethods = false)
class ReportFormConfiguration {

    static final MediaType GEO_JSON = MediaType.parseMediaType("application/geo+json");

    /** Where the form sends its reports (the route case-service-report-form in application.yml). */
    static final String SEND_PATH = "/report/requests.json";

    private static final Resource PAGE = new ClassPathResource("static/report/index.html");

    /** Kept once, in contracts: the same file case-service checks report locations against. */
    private static final Resource DISTRICTS = new ClassPathResource("boundary/kama-city-districts.geojson");

    /**
     * The page itself is never taken from the HTTP cache without asking (the service worker keeps
     * its own copy for offline use); the manifest is JSON for the browser's install prompt.
     */
    @Bean
    RouterFunction<ServerResponse> reportFormRoutes() {
        return route(GET("/report"), request -> ServerResponse.status(302).location(URI.create("/report/")).build())
                .andRoute(GET("/report/"), request -> ServerResponse.ok().contentType(MediaType.TEXT_HTML)
                        .cacheControl(CacheControl.noCache()).bodyValue(PAGE))
                .andRoute(GET("/report/districts.geojson"), request -> ServerResponse.ok()
                        .contentType(GEO_JSON).bodyValue(DISTRICTS));
    }

    /**
     * Scripts, styles, workers and the manifest only from this origin (no inline script, no
     * eval), calls only to this origin, never framed. Unlike the console's, no Keycloak origin:
     * the form sends no token.
     */
    @Bean
    WebFilter reportFormContentSecurityPolicy() {
        String policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:"
                + "; connect-src 'self'; worker-src 'self'; manifest-src 'self'"
                + "; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";
        return (exchange, chain) -> {
            String path = exchange.getRequest().getPath().value();
            // the form's POST answer is data, and keeps the API's policy (security.SecurityConfiguration)
            if ((path.equals("/report") || path.startsWith("/report/")) && !path.equals(SEND_PATH)) {
                exchange.getResponse().getHeaders().set("Content-Security-Policy", policy);
                exchange.getResponse().getHeaders().set("Referrer-Policy", "no-referrer");
            }
            return chain.filter(exchange);
        };
    }
}
