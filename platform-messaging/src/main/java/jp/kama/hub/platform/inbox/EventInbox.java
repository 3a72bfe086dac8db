package jp.kama.hub.platform.inbox;

import java.util.function.Consumer;

import jp.kama.hub.platform.events.ReceivedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Idempotent consumption: handles an event at most once per consumer, by event id. The
 * processed mark and the handler's database work commit in one transaction; if the handler
 * fails, both roll back and the redelivered event is handled again.
 */
public class EventInbox {

    private static final Logger log = LoggerFactory.getLogger(EventInbox.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    public EventInbox(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /**
     * Runs {@code handler} unless {@code consumer} already handled this event.
     *
     * @return true if the handler ran, false for a duplicate delivery
     */
    public boolean handleOnce(String consumer, ReceivedEvent event, Consumer<ReceivedEvent> handler) {
        Boolean ran = tx.execute(status -> {
            int inserted = jdbc.sql("""
                    insert into processed_event (consumer, event_id, event_type) values (:c, :id, :type)
                    on conflict do nothing""")
                    .param("c", consumer)
                    .param("id", event.id())
                    .param("type", event.type())
                    .update();
            if (inserted == 0) {
                return false;
            }
            handler.accept(event);
            return true;
        });
        if (Boolean.TRUE.equals(ran)) {
            // one line per handled event, under the request id the event carried (the MDC set by
            // RequestIdRecordInterceptor; [-] for an event no request caused)
            log.info("{}: handled {}", consumer, event);
        } else {
            log.debug("{}: skipped duplicate delivery of {}", consumer, event);
        }
        return Boolean.TRUE.equals(ran);
    }
}
