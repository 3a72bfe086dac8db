package jp.kama.hub.boundaryexamples.clean.store;

import jp.kama.hub.boundaryexamples.clean.domain.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/** Clean: SQL and the transaction live in the feature's service, not in the controller. */
public class OrderStore {

    private final JdbcClient jdbc;

    public OrderStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public void save(Order order) {
        jdbc.sql("insert into orders values (?, ?)").params(order.id(), order.quantity()).update();
    }
}
