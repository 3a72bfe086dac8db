package jp.kama.hub.platform.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.kama.hub.platform.web.problem.Problem;
import jp.kama.hub.platform.web.problem.ProblemMappings;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.annotation.ExceptionHandlerMethodResolver;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers the exceptions a service mapped with {@link jp.kama.hub.platform.web.problem.ProblemMapping}
 * beans (or thrown as {@link jp.kama.hub.platform.web.problem.ProblemException}), before any
 * {@code @ControllerAdvice} but after the controller's own {@code @ExceptionHandler}s: the service's status, title, detail, errors and
 * extension members, with {@code instance} (the request URI, gateway prefix included) and
 * {@code requestId}. An exception without a mapping goes on to {@link ProblemDetailsAdvice}.
 */
final class ProblemMappingExceptionResolver implements HandlerExceptionResolver, Ordered {

    private final ProblemMappings mappings;
    private final JsonMapper json;
    private final Map<Class<?>, ExceptionHandlerMethodResolver> handlersByController = new ConcurrentHashMap<>();

    ProblemMappingExceptionResolver(ProblemMappings mappings, JsonMapper json) {
        this.mappings = mappings;
        this.json = json;
    }

    @Override
    public @Nullable ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response,
            @Nullable Object handler, Exception ex) {
        if (handler instanceof HandlerMethod method && ownHandlerFor(method, ex)) {
            // a controller's own @ExceptionHandler wins (Open311's error list, for one)
            return null;
        }
        Problem.Builder builder = mappings.find(ex);
        if (builder == null || response.isCommitted()) {
            return null;
        }
        Problem problem = builder.at(request.getRequestURI(), RequestIdFilter.of(request)).build();
        try {
            response.setStatus(problem.status());
            problem.headers().forEach(response::setHeader);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), problem.body());
        } catch (java.io.IOException | RuntimeException writeFailed) {
            return null;
        }
        return new ModelAndView();
    }

    private boolean ownHandlerFor(HandlerMethod method, Exception ex) {
        return handlersByController.computeIfAbsent(method.getBeanType(), ExceptionHandlerMethodResolver::new)
                .resolveMethodByThrowable(ex) != null;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
