package jp.kama.hub.boundaryfixtures.notifications.bad.web;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Bad: a controller that runs SQL itself instead of asking the domain. */
@RestController
class SqlController {

    private final JdbcClient jdbc;

    SqlController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/bad")
    List<String> headlines() {
        return jdbc.sql("select headline from alert").query(String.class).list();
    }
}
