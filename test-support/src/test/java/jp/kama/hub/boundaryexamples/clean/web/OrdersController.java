package jp.kama.hub.boundaryexamples.clean.web;

import jp.kama.hub.boundaryexamples.clean.domain.Order;
import jp.kama.hub.boundaryexamples.clean.store.OrderStore;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Clean: translates HTTP to the domain and back, and leaves SQL and transactions to the store. */
@RestController
public class OrdersController {

    private final OrderStore store;

    OrdersController(OrderStore store) {
        this.store = store;
    }

    @PostMapping("/orders")
    ResponseEntity<Void> place(String id, int quantity) {
        store.save(new Order(id, quantity, null));
        return ResponseEntity.status(HttpStatus.CREATED).build();
    }
}
