package jp.kama.hub.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The loop under both the outbox relay and notification delivery, in milliseconds, without Spring. */
class PollingWorkerTests {

    /** Short waits: a test never waits for the back-off, only observes the schedule the worker chose. */
    static final Backoff BACKOFF = new Backoff(Duration.ofMillis(1), Duration.ofMillis(8));
    /** Long enough that a test passing quickly proves a wake-up, not the poll, started the round. */
    static final Duration POLL = Duration.ofMinutes(5);

    final List<Duration> waits = new CopyOnWriteArrayList<>();
    PollingWorker worker;

    @AfterEach
    void stop() {
        if (worker != null) {
            worker.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void afterAFailedRoundWaitsLongerEachTimeUpToTheCapThenResumes() {
        AtomicInteger rounds = new AtomicInteger();
        AtomicInteger succeeded = new AtomicInteger();
        worker = new PollingWorker("test", POLL, BACKOFF, () -> {
            if (rounds.incrementAndGet() <= 6) {
                throw new IllegalStateException("broker away");
            }
            succeeded.incrementAndGet();
            return false;
        }, (e, wait) -> waits.add(wait));

        worker.start();

        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAtomic(succeeded, org.hamcrest.Matchers.equalTo(1));
        assertThat(waits).extracting(Duration::toMillis).containsExactly(1L, 2L, 4L, 8L, 8L, 8L);
    }

    @Test
    void aSuccessfulRoundResetsTheBackoff() {
        AtomicInteger rounds = new AtomicInteger();
        worker = new PollingWorker("test", Duration.ofMillis(1), BACKOFF, () -> {
            int n = rounds.incrementAndGet();
            if (n <= 3 || (n >= 5 && n <= 6)) {
                throw new IllegalStateException("round " + n);
            }
            return false;
        }, (e, wait) -> waits.add(wait));

        worker.start();

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> rounds.get() >= 7);
        assertThat(waits.subList(0, 5)).extracting(Duration::toMillis).as("3 failures, success, 2 failures")
                .containsExactly(1L, 2L, 4L, 1L, 2L);
    }

    @Test
    void runsAgainAtOnceWhileARoundSaysMoreIsReady() {
        AtomicInteger batchesLeft = new AtomicInteger(5);
        AtomicInteger rounds = new AtomicInteger();
        worker = new PollingWorker("test", POLL, BACKOFF, () -> {
            rounds.incrementAndGet();
            return batchesLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 1;
        }, (e, wait) -> waits.add(wait));

        worker.start();

        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAtomic(batchesLeft, org.hamcrest.Matchers.equalTo(0));
        assertThat(rounds.get()).as("five full batches drained without waiting for the 5-minute poll").isEqualTo(5);
    }

    @Test
    void aWakeUpStartsARoundWithoutWaitingForThePoll() {
        AtomicInteger rounds = new AtomicInteger();
        worker = new PollingWorker("test", POLL, BACKOFF, () -> {
            rounds.incrementAndGet();
            return false;
        }, (e, wait) -> waits.add(wait));
        worker.start();
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAtomic(rounds, org.hamcrest.Matchers.equalTo(1));

        worker.wakeUp();

        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAtomic(rounds, org.hamcrest.Matchers.equalTo(2));
    }

    @Test
    void stopEndsABackoffAtOnce() {
        worker = new PollingWorker("test", POLL, new Backoff(Duration.ofMinutes(10), Duration.ofMinutes(10)), () -> {
            throw new IllegalStateException("down");
        }, (e, wait) -> waits.add(wait));
        worker.start();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> waits.size() == 1);

        // a worker that slept through its back-off would hold stop() for the whole minute of grace
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> worker.stop(Duration.ofMinutes(1)));

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(stopping::isDone);
        assertThat(worker.isRunning()).isFalse();
        assertThat(waits).as("no second round after stop").hasSize(1);
    }
}
