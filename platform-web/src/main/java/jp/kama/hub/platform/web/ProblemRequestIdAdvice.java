package jp.kama.hub.platform.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jp.kama.hub.platform.web.problem.Problem;
import jp.kama.hub.platform.web.privacy.PersonalData;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Adds {@code requestId} (and {@code type}, where Spring left it out) to every problem a service answers, whichever handler built it, so a
 * caller can quote one id that is also in the gateway's and the service's logs. The
 * {@code instance} is the path the caller used: Spring MVC fills it from the request URI, which
 * includes the gateway's {@code X-Forwarded-Prefix} ({@code server.forward-headers-strategy:
 * framework} in the platform defaults).
 */
@RestControllerAdvice
public class ProblemRequestIdAdvice implements ResponseBodyAdvice<Object> {

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType selectedContentType,
            Class<? extends HttpMessageConverter<?>> selectedConverterType, ServerHttpRequest request,
            ServerHttpResponse response) {
        if (body instanceof ProblemDetail problem && problem.getType() == null) {
            // Spring's own problems leave it out; the hub's shape always says it
            problem.setType(URI.create(Problem.ABOUT_BLANK));
        }
        if (body instanceof ProblemDetail problem) {
            // Spring's own problems (a path variable of the wrong type, ...) echo caller input too:
            // never a My Number, phone number or e-mail address (issue 15, PersonalData)
            problem.setDetail(PersonalData.mask(problem.getDetail()));
            String instance = problem.getInstance() != null ? problem.getInstance().toString()
                    : request instanceof ServletServerHttpRequest servlet ? servlet.getServletRequest().getRequestURI() : null;
            String masked = PersonalData.maskPath(instance);
            if (masked != null && !masked.equals(instance)) {
                problem.setInstance(URI.create(masked));
            }
        }
        if (body instanceof ProblemDetail problem && request instanceof ServletServerHttpRequest servlet
                && (problem.getProperties() == null || !problem.getProperties().containsKey("requestId"))) {
            HttpServletRequest servletRequest = servlet.getServletRequest();
            String requestId = RequestIdFilter.of(servletRequest);
            if (requestId != null) {
                // handlers often set an unmodifiable Map.of(...) as properties
                Map<String, Object> properties = problem.getProperties() == null ? new LinkedHashMap<>()
                        : new LinkedHashMap<>(problem.getProperties());
                properties.put("requestId", requestId);
                problem.setProperties(properties);
            }
        }
        return body;
    }
}
