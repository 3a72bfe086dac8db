package jp.kama.hub.notifications.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import jp.kama.hub.platform.web.privacy.FieldCipher;
import jp.kama.hub.notifications.channel.ChannelGuard;
import jp.kama.hub.notifications.channel.ChannelGuards;
import jp.kama.hub.notifications.channel.DeliveryFailedException;
import jp.kama.hub.notifications.channel.OutgoingBatch;
import jp.kama.hub.notifications.channel.SendResult;
import jp.kama.hub.notifications.console.ConsoleStream;
import jp.kama.hub.platform.outbox.Backoff;
import jp.kama.hub.platform.outbox.PollingWorker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends planned batches, one independent loop and executor per channel, so a channel that is
 * slow, rate-limited or down never holds a thread or a permit of another.
 *
 * <p>Each round claims due PENDING batches ({@code for update skip locked}, a lease instead of
 * a lock held across the call), sends each on a virtual thread through its {@link ChannelGuard},
 * and records the outcome in a short transaction of its own. No database transaction is open
 * during a remote call. A batch whose outcome was not recorded (crash, stop) is claimed again
 * when its lease ends and resent with the same idempotency key: LINE answers 409, the SMS
 * gateway 200, and the batch counts as delivered, so nobody gets it twice.
 *
 * <p>One delivery engine with the platform's outbox relay: each channel's loop is a
 * {@link PollingWorker} (wake-ups, safety-net poll, back-off after a failed round) and a failed
 * batch waits per the platform's {@link Backoff} before its next attempt. The deliveries do not go
 * through the outbox and Kafka instead: the exactly-once unit here is (event, recipient, channel),
 * kept by the batch id as the provider's idempotency key and by the delivery log's key, and a
 * batch needs a lease released <em>without</em> a transaction held across the provider call
 * (breakers, retries with Retry-After, LINE multicast of 500 addresses per call, FAILED batches
 * as dead letters); a Kafka hop would add a second at-least-once leg without removing any of that.
 */
@Component
@org.springframework.boot.context.properties.EnableConfigurationProperties(DeliveryProperties.class)
public class BatchDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BatchDispatcher.class);

    private final FieldCipher contacts;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final List<ChannelGuard> channels;
    private final DeliveryProperties props;
    private final ConsoleStream console;
    private final Map<String, PollingWorker> workers = new ConcurrentHashMap<>();
    private final Map<String, Set<UUID>> inFlight = new ConcurrentHashMap<>();
    /** Between attempts of one batch: 1 s after the first failed attempt, doubling, at most a minute. */
    private final Backoff batchBackoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1));
    private volatile boolean running;
    private ExecutorService senders;

    BatchDispatcher(JdbcClient jdbc, TransactionTemplate tx, ChannelGuards channels, DeliveryProperties props,
                    ConsoleStream console, @Value("${kama.notifications.contact-key}") String contactKey) {
        this.contacts = new FieldCipher(contactKey);
        this.jdbc = jdbc;
        this.tx = tx;
        this.channels = channels.all();
        this.props = props;
        this.console = console;
    }

    /** Starts a round on every channel now (called after a fan-out commits). */
    public void wake() {
        workers.values().forEach(PollingWorker::wakeUp);
    }

    private void wakeChannel(String channel) {
        PollingWorker worker = workers.get(channel);
        if (worker != null) {
            worker.wakeUp();
        }
    }

    /** Starts a round when the current transaction commits (batches planned in it are then visible). */
    void wakeAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    wake();
                }
            });
        }
    }

    /** A claimed batch; {@code staffAddress} is set for a staff notice, which has no members. */
    private record Claimed(OutgoingBatch batch, String staffAddress) {
    }

    @Override
    public void start() {
        running = true;
        senders = Executors.newVirtualThreadPerTaskExecutor();
        // a failing round (the database away) backs off from one poll interval up to ten
        Backoff roundBackoff = new Backoff(props.pollInterval(), props.pollInterval().multipliedBy(10));
        for (ChannelGuard guard : channels) {
            if (guard.channel().enabled()) {
                String channel = guard.channel().name();
                PollingWorker worker = new PollingWorker("delivery-dispatch-" + channel, props.pollInterval(), roundBackoff,
                        () -> round(guard) > 0,
                        (e, wait) -> log.warn("{} dispatch round failed, next in {} ms: {}", channel, wait.toMillis(), e.toString()));
                workers.put(channel, worker);
                worker.start();
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        workers.values().forEach(w -> w.stop(Duration.ofSeconds(5)));
        workers.clear();
        senders.shutdownNow();
        try {
            senders.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stop before the web server and the datasource go away; start after the consumers. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2048;
    }

    /** One round of the channel's {@link PollingWorker}: claims due batches and hands them to senders. */
    private int round(ChannelGuard guard) {
        String channel = guard.channel().name();
        Set<UUID> busy = inFlight.computeIfAbsent(channel, c -> ConcurrentHashMap.newKeySet());
        // claim ahead of the bulkhead so a batch is ready when a call slot frees up
        int room = 4 * guard.maxConcurrentCalls() - busy.size();
        if (room <= 0) {
            return 0; // every slot busy: the next poll (or a wake-up) looks again
        }
        List<Claimed> due = jdbc.sql("""
                update delivery_batch set next_attempt_at = now() + make_interval(secs => :lease)
                where batch_id in (
                    select batch_id from delivery_batch
                    where channel = :channel and status = 'PENDING' and next_attempt_at <= now()
                      and not (batch_id = any(cast(:busy as uuid[])))
                    order by created_at, batch_id limit :room
                    for update skip locked)
                returning batch_id, event_id, subject_line, body, staff_address""")
                .param("lease", props.claimLease().toMillis() / 1000.0)
                .param("channel", channel)
                .param("busy", busy.toArray(UUID[]::new))
                .param("room", room)
                .query((rs, i) -> new Claimed(new OutgoingBatch(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getString(3), rs.getString(4)), rs.getString(5)))
                .list();
        for (Claimed c : due) {
            UUID id = c.batch().batchId();
            busy.add(id);
            senders.submit(() -> {
                try {
                    send(guard, c);
                } finally {
                    busy.remove(id);
                    wakeChannel(channel); // a slot is free: claim the next batch now
                }
            });
        }
        return due.size();
    }

    private void send(ChannelGuard guard, Claimed claimed) {
        OutgoingBatch batch = claimed.batch();
        boolean staff = claimed.staffAddress() != null;
        String channel = guard.channel().name();
        List<String> addresses = staff ? List.of(claimed.staffAddress()) : subscriberAddresses(channel, batch.batchId());
        if (addresses.isEmpty()) {
            finish(channel, batch.batchId(), false, "FAILED", "FAILED", null, "every recipient unsubscribed before sending");
            return;
        }
        try {
            SendResult result = guard.send(batch, addresses);
            finish(channel, batch.batchId(), staff, "SENT", result.alreadyAccepted() ? "ALREADY_ACCEPTED" : "SENT",
                    result.providerRequestId(), null);
        } catch (DeliveryFailedException e) {
            failed(guard, claimed, e.getMessage(), !e.transientFailure(), null, true);
        } catch (CallNotPermittedException | BulkheadFullException | RequestNotPermitted e) {
            // the call never left the hub: it waits for the breaker (or a permit) without using up an attempt,
            // or a channel failing a third of its calls would give up batches it never tried (fault drill R5)
            // open breaker: wait as long as it stays open; a half-open trial under way, no bulkhead or rate permit: a second
            failed(guard, claimed, channel + " refused the call locally: " + e.getClass().getSimpleName(), false,
                    guard.breakerState() == CircuitBreaker.State.OPEN ? guard.openWait() : Duration.ofSeconds(1), false);
        } catch (RuntimeException e) {
            if (!running) {
                return; // stopping: the lease runs out and the batch is resent with the same key
            }
            failed(guard, claimed, e.getClass().getSimpleName(), false, null, true);
        }
    }

    private List<String> subscriberAddresses(String channel, UUID batchId) {
        // two steps, so the subscriber lookup is an index scan on the 500 member ids
        UUID[] members = jdbc.sql("select members from delivery_batch where batch_id = :batch")
                .param("batch", batchId)
                .query((rs, i) -> (UUID[]) rs.getArray(1).getArray())
                .single();
        String column = FanOut.addressColumn(channel);
        // e-mail and phone are stored encrypted (Subscriptions); a LINE user id is LINE's opaque id
        return jdbc.sql("""
                select %s from subscription where id = any(cast(:ids as uuid[])) and %1$s is not null order by id"""
                .formatted(column))
                .param("ids", members)
                .query(String.class)
                .list().stream().map(a -> contacts.decrypt(a, column)).toList();
    }

    /**
     * Records the outcome: the batch's status, and one delivery-log row per member (for a sent
     * batch, per member who still had the address it was sent to), or for a staff notice one
     * row for its address. Once committed, the incident console is told (batch id, channel and
     * outcome only).
     */
    private void finish(String channel, UUID batchId, boolean staff, String batchStatus, String deliveryStatus,
                        String requestId, String error) {
        String members = staff
                ? "lateral (values (b.staff_address)) as m(id)"
                : "SENT".equals(batchStatus)
                ? "unnest(b.members) as m(id) join subscription s on s.id = m.id and s.%s is not null"
                        .formatted(FanOut.addressColumn(channel))
                : "unnest(b.members) as m(id)";
        tx.executeWithoutResult(s -> {
            jdbc.sql("""
                    update delivery_batch set status = :status, attempts = attempts + 1, done_at = now(), last_error = :error
                    where batch_id = :batch""")
                    .param("status", batchStatus).param("error", error).param("batch", batchId).update();
            jdbc.sql("""
                    insert into delivery_log (event_id, recipient, channel, retry_key, status, provider_request_id, sent_at, batch_id)
                    select b.event_id, m.id::text, b.channel, b.batch_id, :status, :rid, now(), b.batch_id
                    from delivery_batch b cross join %s
                    where b.batch_id = :batch
                    on conflict (event_id, recipient, channel) do nothing""".formatted(members))
                    .param("status", deliveryStatus).param("rid", requestId).param("batch", batchId).update();
        });
        console.deliveryRecorded(batchId, channel, batchStatus.toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * Records a failed attempt, or gives the batch up after {@code maxBatchAttempts} of them.
     * {@code attempted} is false when the channel's guard refused the call locally (breaker open,
     * no permit): the provider was not called, so it is no attempt; the batch waits and is tried again.
     */
    private void failed(ChannelGuard guard, Claimed claimed, String error, boolean permanent, Duration wait, boolean attempted) {
        if (!running) {
            return;
        }
        OutgoingBatch batch = claimed.batch();
        if (!attempted) {
            log.debug("{} batch {} waits {} ms: {}", guard.channel().name(), batch.batchId(), wait.toMillis(), error);
            jdbc.sql("""
                    update delivery_batch set last_error = :error, next_attempt_at = now() + make_interval(secs => :wait)
                    where batch_id = :batch""")
                    .param("error", error).param("wait", wait.toMillis() / 1000.0).param("batch", batch.batchId()).update();
            return;
        }
        Integer attempts = jdbc.sql("select attempts from delivery_batch where batch_id = :b")
                .param("b", batch.batchId()).query(Integer.class).single();
        if (permanent || attempts + 1 >= props.maxBatchAttempts()) {
            log.warn("{} batch {} given up after {} attempts: {}", guard.channel().name(), batch.batchId(), attempts + 1, error);
            finish(guard.channel().name(), batch.batchId(), claimed.staffAddress() != null, "FAILED", "FAILED", null, error);
            return;
        }
        long backoffMs = (wait != null ? wait : batchBackoff.delayAfter(attempts + 1)).toMillis();
        log.info("{} batch {} will be tried again in {} ms: {}", guard.channel().name(), batch.batchId(), backoffMs, error);
        jdbc.sql("""
                update delivery_batch set attempts = attempts + 1, last_error = :error,
                       next_attempt_at = now() + make_interval(secs => :wait)
                where batch_id = :batch""")
                .param("error", error).param("wait", backoffMs / 1000.0).param("batch", batch.batchId()).update();
    }
}
