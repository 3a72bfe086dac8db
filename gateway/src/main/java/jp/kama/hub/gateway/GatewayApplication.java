package jp.kama.hub.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The hub's edge: routes {@code /api/**} and {@code /feeds/**} to the services, checks bearer
 * tokens, breaks circuits to dead services and serves the incident console's static files.
 * Routes and resilience settings live in {@code application.yml}.
 */
@SpringBootApplication
public class GatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(GatewayApplication.class, args);
    }
}
