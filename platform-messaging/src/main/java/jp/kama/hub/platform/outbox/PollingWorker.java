package jp.kama.hub.platform.outbox;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The one delivery loop of the hub: runs a round (claim a batch with
 * {@code for update skip locked}, hand it to a sender, record the outcome) when woken, on a
 * fixed poll interval as a safety net, and at once again while a round says more work is ready.
 * A round that throws makes the worker back off ({@link Backoff}: longer after each failure in a
 * row, up to a cap); wake-ups do not cut a back-off short; the first round that succeeds resets
 * it. Used by the platform's {@link OutboxRelay} (one worker) and by notification-service's
 * delivery (one worker per channel, so one channel's outage never delays another).
 *
 * <p>Hand-rolled rather than a Spring {@code TaskScheduler}: a scheduler has neither coalescing
 * wake-ups nor a back-off that grows across failed runs; this is those two things and nothing else.
 */
public final class PollingWorker {

    /** Told about every failed round and how long the worker now waits (for logs and metrics). */
    public interface FailureListener {
        void failed(RuntimeException failure, Duration wait);
    }

    private final String name;
    private final Duration pollInterval;
    private final Backoff backoff;
    private final BooleanSupplier round;
    private final FailureListener listener;
    private final Semaphore wake = new Semaphore(0);
    private volatile CountDownLatch stopped = new CountDownLatch(0);
    private volatile boolean running;
    private volatile Thread thread;

    /**
     * @param round runs one round and returns true when more work is ready right now
     *              (a full batch was handled), false when the worker may wait for the next poll
     */
    public PollingWorker(String name, Duration pollInterval, Backoff backoff, BooleanSupplier round, FailureListener listener) {
        this.name = name;
        this.pollInterval = pollInterval;
        this.backoff = backoff;
        this.round = round;
        this.listener = listener;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        stopped = new CountDownLatch(1);
        thread = Thread.ofPlatform().name(name).daemon(true).start(this::loop);
    }

    /** Asks for a round soon; wake-ups while one is pending coalesce; ignored while backing off. */
    public void wakeUp() {
        if (wake.availablePermits() == 0) {
            wake.release();
        }
    }

    /**
     * Stops after the round in progress (waiting up to {@code grace} for it; then the thread is
     * interrupted). A back-off or an idle wait ends at once.
     */
    public void stop(Duration grace) {
        Thread t;
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            t = thread;
        }
        stopped.countDown();
        wake.release();
        try {
            t.join(grace);
            if (t.isAlive()) {
                t.interrupt();
                t.join(grace);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isRunning() {
        return running;
    }

    private void loop() {
        int failures = 0;
        while (running) {
            try {
                boolean more = round.getAsBoolean();
                failures = 0;
                if (more) {
                    continue;
                }
                if (wake.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS)) {
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                failures++;
                Duration wait = backoff.delayAfter(failures);
                listener.failed(e, wait);
                try {
                    if (stopped.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                        return;
                    }
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                wake.drainPermits();
            }
        }
    }
}
