package jp.kama.hub.platform.web.reactive;

import java.util.ArrayList;
import java.util.List;

import jp.kama.hub.platform.web.NulRejectingStringDeserializer;
import jp.kama.hub.platform.web.problem.FieldProblem;
import jp.kama.hub.platform.web.problem.Problem;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The reactive twin of the servlet NUL check: query parameters holding U+0000 ({@code ?q=%00})
 * are refused with a 400 naming them, right after the request id is set.
 */
final class NulParameterWebFilter implements WebFilter, Ordered {

    private final ReactiveProblemWriter problems;

    NulParameterWebFilter(ReactiveProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        List<FieldProblem> bad = new ArrayList<>();
        exchange.getRequest().getQueryParams().forEach((name, values) -> {
            if (name.indexOf('\u0000') >= 0 || values.stream().anyMatch(v -> v != null && v.indexOf('\u0000') >= 0)) {
                bad.add(new FieldProblem(name.replace("\u0000", "\\u0000"), NulRejectingStringDeserializer.MESSAGE));
            }
        });
        if (bad.isEmpty()) {
            return chain.filter(exchange);
        }
        return problems.write(exchange, Problem.status(HttpStatus.BAD_REQUEST)
                .detail("A request parameter is invalid.").errors(bad));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
