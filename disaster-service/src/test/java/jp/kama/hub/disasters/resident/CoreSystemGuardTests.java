package jp.kama.hub.disasters.resident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import jp.kama.hub.disasters.resident.CoreSystemGuard.CoreSystemException;
import jp.kama.hub.disasters.resident.ResidentLookup.Reason;
import jp.kama.hub.disasters.resident.ResidentLookup.Unavailable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The guard's rules without HTTP: what is retried, what counts against the core system, and the time limit. */
class CoreSystemGuardTests {

    private static final Function<Unavailable, Object> AS_IS = u -> u;

    private final CoreSystemGuard guard = new CoreSystemGuard("core", new ResidentRecordProperties("http://unused",
            Duration.ofMillis(600), Duration.ofMillis(200), Duration.ofMillis(100), 3, Duration.ofMillis(10),
            Duration.ofMillis(50), 50, 10, 5, Duration.ofSeconds(7)));

    @AfterEach
    void close() {
        guard.close();
    }

    @Test
    void aTransientFailureIsRetriedWithBackoff() {
        AtomicInteger calls = new AtomicInteger();
        Object answer = guard.call(() -> {
            if (calls.incrementAndGet() < 3) {
                throw new CoreSystemException("HTTP 502", true, null, null);
            }
            return "ok";
        }, AS_IS);
        assertThat(answer).isEqualTo("ok");
        assertThat(calls).hasValue(3);
    }

    @Test
    void aRefusedRequestIsNeitherRetriedNorCountedAgainstTheCoreSystem() {
        AtomicInteger calls = new AtomicInteger();
        for (int i = 0; i < 6; i++) {
            assertThatThrownBy(() -> guard.call(() -> {
                calls.incrementAndGet();
                throw new CoreSystemException("HTTP 400 (request refused)", false, null, null);
            }, AS_IS)).isInstanceOf(CoreSystemException.class);
        }
        assertThat(calls).hasValue(6);
        assertThat(guard.breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aRetryAfterLongerThanTheLongestBackoffIsNotRetriedAndIsPassedOn() {
        AtomicInteger calls = new AtomicInteger();
        Object answer = guard.call(() -> {
            calls.incrementAndGet();
            throw new CoreSystemException("HTTP 503", true, Duration.ofSeconds(30), null);
        }, AS_IS);
        assertThat(calls).hasValue(1);
        assertThat(answer).isEqualTo(new Unavailable(Reason.FAILED, Duration.ofSeconds(30),
                "core is unavailable (HTTP 503); try again after 30 s. Nothing was changed."));
    }

    @Test
    void aCallThatHangsEndsAtTheTimeLimit() {
        long t0 = System.nanoTime();
        Object answer = guard.call(() -> {
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "late";
        }, AS_IS);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(1_500));
        assertThat(answer).isInstanceOfSatisfying(Unavailable.class, u -> {
            assertThat(u.reason()).isEqualTo(Reason.TIMED_OUT);
            assertThat(u.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        });
    }
}
