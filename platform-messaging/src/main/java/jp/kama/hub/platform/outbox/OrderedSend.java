package jp.kama.hub.platform.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Sends a claimed batch strictly in its order and stops at the first item that fails, so no
 * later item of the batch (possibly of the same aggregate) overtakes an earlier one; what was
 * sent before the failure is reported as done and must not be sent again.
 */
public final class OrderedSend {

    private OrderedSend() {
    }

    /**
     * @param sender sends one item; returns false (refused) or throws when the item did not go out
     */
    public static <T> Outcome<T> sendInOrder(List<T> batch, Predicate<T> sender) {
        List<T> done = new ArrayList<>(batch.size());
        for (T item : batch) {
            RuntimeException failure;
            try {
                if (sender.test(item)) {
                    done.add(item);
                    continue;
                }
                failure = new IllegalStateException("refused: " + item);
            } catch (RuntimeException e) {
                failure = e;
            }
            return new Outcome<>(List.copyOf(done), item, failure);
        }
        return new Outcome<>(List.copyOf(done), null, null);
    }

    /**
     * @param done    the items sent, in batch order (a prefix of the batch)
     * @param stuck   the item that failed, or null when the whole batch went out
     * @param failure why it failed, or null
     */
    public record Outcome<T>(List<T> done, T stuck, RuntimeException failure) {

        public boolean complete() {
            return failure == null;
        }
    }
}
