package jp.kama.hub.boundaryexamples.bad.alpha;

import jp.kama.hub.boundaryexamples.bad.beta.Beta;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.RestController;

/** Bad: a controller that runs SQL in its own transaction, and a feature (alpha) that needs beta, which needs alpha. */
@RestController
public class SqlController {

    private final JdbcClient jdbc;
    private final Beta beta;

    SqlController(JdbcClient jdbc, Beta beta) {
        this.jdbc = jdbc;
        this.beta = beta;
    }

    @Transactional
    public void save() {
        jdbc.sql("insert into t values (1)").update();
        beta.done();
    }
}
