package jp.kama.hub.platform.web;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jp.kama.hub.platform.web.problem.Problem;
import jp.kama.hub.platform.web.problem.ProblemException;
import jp.kama.hub.platform.web.problem.ProblemMapping;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A tiny servlet or reactive application answering the cases the problem tests need. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class ProblemTestController {

    record Location(double latitude, double longitude) {
    }

    record Report(@NotBlank String title, int severity, @Max(90) double altitude, Location location, List<String> tags) {
    }

    /** A service's domain exception, framework-free. */
    static final class NoSuchThing extends RuntimeException {
        NoSuchThing(String id) {
            super("No thing " + id + ".");
        }
    }

    @Bean
    ProblemMapping<NoSuchThing> noSuchThing() {
        return ProblemMapping.of(NoSuchThing.class, e -> Problem.status(HttpStatus.NOT_FOUND)
                .type("https://kama.example/problems/no-such-thing").title("Thing not found").detail(e.getMessage())
                .with("thing", "t-1"));
    }

    /** Registered as a member class of this configuration. */
    @RestController
    static class Endpoints {

        @PostMapping("/reports")
        Report submit(@Valid @RequestBody Report report) {
            return report;
        }

        @GetMapping("/search")
        String search(@RequestParam String q) {
            return q;
        }

        @GetMapping("/things/{id}")
        String thing(@org.springframework.web.bind.annotation.PathVariable String id) {
            throw new NoSuchThing(id);
        }

        @GetMapping("/refused")
        String refused() {
            throw new ProblemException(Problem.status(HttpStatus.UNPROCESSABLE_CONTENT).detail("Not like this.")
                    .error("q", "must be something else"));
        }

        @GetMapping("/broken")
        String broken() {
            throw new IllegalStateException("secret internal state at jp.kama.Secret");
        }
    }
}
