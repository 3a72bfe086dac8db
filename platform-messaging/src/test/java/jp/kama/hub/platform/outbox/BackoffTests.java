package jp.kama.hub.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class BackoffTests {

    static final Backoff RELAY = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5));

    @Test
    void waitsTheMinimumAfterTheFirstFailureAndDoublesAfterEachFurtherOne() {
        assertThat(IntStream.rangeClosed(1, 5).mapToObj(RELAY::delayAfter).map(Duration::toMillis))
                .containsExactly(200L, 400L, 800L, 1600L, 3200L);
    }

    @Test
    void neverWaitsLongerThanTheCap() {
        assertThat(RELAY.delayAfter(6)).isEqualTo(Duration.ofSeconds(5));
        assertThat(RELAY.delayAfter(7)).isEqualTo(Duration.ofSeconds(5));
        assertThat(RELAY.delayAfter(Integer.MAX_VALUE)).as("a broker away for days: no overflow").isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void notificationBatchesWaitOneSecondDoublingUpToAMinute() {
        Backoff batches = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1));
        assertThat(IntStream.rangeClosed(1, 8).mapToObj(batches::delayAfter).map(Duration::toSeconds))
                .containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L);
    }

    @Test
    void refusesASchedulePointlessOrUpsideDown() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)));
        assertThatIllegalArgumentException().isThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertThatIllegalArgumentException().isThrownBy(() -> RELAY.delayAfter(0));
    }
}
