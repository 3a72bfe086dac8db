package jp.kama.hub.gateway.fallback;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Target of the read routes' {@code CircuitBreaker} fallback ({@code forward:/fallback/<service>}).
 * Answers any method, because the forwarded request keeps the client's method. Routes that carry
 * a body have no fallback URI (it would make Spring Cloud Gateway hold every body in memory):
 * {@link ServiceUnavailableFilter} gives them the same answer.
 */
@RestController
class FallbackController {

    private final ServiceUnavailableAnswer answer;

    FallbackController(ServiceUnavailableAnswer answer) {
        this.answer = answer;
    }

    @RequestMapping("/fallback/{service:[a-z][a-z0-9-]{0,62}}")
    Mono<Void> serviceUnavailable(@PathVariable String service, ServerWebExchange exchange) {
        return answer.write(exchange, service, exchange.getAttribute(CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR));
    }
}
