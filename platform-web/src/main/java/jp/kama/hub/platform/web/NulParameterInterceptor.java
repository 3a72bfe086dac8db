package jp.kama.hub.platform.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.kama.hub.platform.web.problem.FieldProblem;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses query and form parameters holding U+0000 ({@code ?q=%00}) with a 400 naming them,
 * before a controller hands them to PostgreSQL, whose {@code text} cannot hold it (a 500 before).
 * An interceptor rather than a servlet filter: it runs after Spring MVC has parsed a multipart
 * body (whose size errors Spring answers), and its exception is answered by
 * {@link ProblemDetailsAdvice} like every other bad request.
 */
final class NulParameterInterceptor implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        List<FieldProblem> problems = new ArrayList<>();
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            for (String value : parameter.getValue()) {
                if (value.indexOf('\u0000') >= 0 || parameter.getKey().indexOf('\u0000') >= 0) {
                    problems.add(new FieldProblem(parameter.getKey().replace("\u0000", "\\u0000"),
                            NulRejectingStringDeserializer.MESSAGE));
                    break;
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidParametersException(problems);
        }
        return true;
    }
}
