package jp.kama.hub.notifications.console;

import java.util.Map;
import java.util.Set;

/**
 * One event of the console stream.
 *
 * @param sequence its place in this process's stream (the number in its SSE id)
 * @param name     the SSE event name: {@code case}, {@code shelter}, {@code delivery}, or the
 *                 stream's own {@code resync} and {@code ready}
 * @param data     ids and a kind, never content or personal data; sent as one line of JSON
 * @param roles    the realm roles that receive it; empty: every role that may open the stream
 */
record ConsoleEvent(long sequence, String name, Map<String, Object> data, Set<String> roles) {

    boolean visibleTo(Set<String> callerRoles) {
        return roles.isEmpty() || roles.stream().anyMatch(callerRoles::contains);
    }
}
