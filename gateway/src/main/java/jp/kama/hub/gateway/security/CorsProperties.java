package jp.kama.hub.gateway.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kama.gateway.cors.*}: the web origins ({@code https://www.city.example}, exactly as a
 * browser sends them in {@code Origin}) whose pages may call the hub from the browser. Empty by
 * default: a request from any other origin than the gateway's own is refused with 403 and never
 * gets {@code Access-Control-Allow-Origin}.
 */
@ConfigurationProperties("kama.gateway.cors")
record CorsProperties(@DefaultValue List<String> allowedOrigins) {

    /** The origins listed, blank entries (an empty environment variable) left out. */
    List<String> origins() {
        return allowedOrigins.stream().map(String::trim).filter(origin -> !origin.isEmpty()).toList();
    }
}
