package jp.kama.hub.notifications.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** Replays that read the topics at once are bounded: the third is refused (503), not queued. */
class ReplaysTests {

    static final ReplayProperties PROPS = new ReplayProperties("c", "s", "e", Duration.ofHours(24), 5000, 500_000, Duration.ofSeconds(10));

    /** A reader that holds every caller until released. */
    static final class HeldReader extends KafkaReplay {
        final CountDownLatch entered = new CountDownLatch(Replays.AT_ONCE);
        final CountDownLatch release = new CountDownLatch(1);

        HeldReader() {
            super(null, "127.0.0.1:9", PROPS);
        }

        @Override
        List<Read> readAll() {
            entered.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of();
        }
    }

    @Test
    void aThirdReplayWhileTwoAreReadingIsRefusedAndOneAfterThemRuns() throws Exception {
        HeldReader reader = new HeldReader();
        Replays replays = new Replays(reader, PROPS);
        Instant to = Instant.parse("2026-12-06T12:00:00Z");
        Instant from = to.minusSeconds(900);
        ExecutorService pool = Executors.newFixedThreadPool(Replays.AT_ONCE);
        try {
            List<Future<?>> running = List.of(pool.submit(() -> replays.replay(from, to)), pool.submit(() -> replays.replay(from, to)));
            assertThat(reader.entered.await(10, TimeUnit.SECONDS)).isTrue();

            assertThatThrownBy(() -> replays.replay(from, to))
                    .isInstanceOf(ReplayRefused.class)
                    .satisfies(e -> assertThat(((ReplayRefused) e).reason()).isEqualTo(ReplayRefused.Reason.BUSY));

            reader.release.countDown();
            for (Future<?> f : running) {
                f.get(10, TimeUnit.SECONDS);
            }
            assertThat(replays.replay(from, to)).isNotNull();
        } finally {
            pool.shutdownNow();
        }
    }
}
