package jp.kama.hub.platform.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jp.kama.hub.platform.web.problem.Problem;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error dispatch ({@code /error}) as a problem, in place of Spring Boot's
 * {@code {"timestamp","status","error","path"}} JSON: what a filter refused before any controller
 * ran (Spring Security's firewall: an encoded {@code ..}, {@code %25}, a line break in the path),
 * or an exception a filter threw. Nothing of the request is echoed, and a 500 says no more than
 * {@link ProblemDetailsAdvice}'s.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code ? code : 500;
        HttpStatus known = HttpStatus.resolve(status);
        String detail = status >= 500
                ? "The service failed to handle this request. Quote the request id when you report it."
                : status == 404 ? "There is nothing at this path."
                : "The request was refused before it reached the service: its path, parameters or headers are malformed.";
        ProblemDetail problem = Problem.status(known == null ? HttpStatus.INTERNAL_SERVER_ERROR : known).detail(detail).build().toProblemDetail();
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
