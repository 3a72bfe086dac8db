package jp.kama.hub.notifications.console;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kama.console.*}: the console's live stream.
 *
 * @param ringSize      how many of the latest events are kept for {@code Last-Event-ID} catch-up
 * @param queueSize     how many events may wait for one slow client before it is sent
 *                      {@code resync} and its stream is closed
 * @param heartbeat     a comment line after this long without an event (keeps proxies from
 *                      closing the connection, and finds clients that left)
 * @param maxLifetime   a stream ends when the caller's token expires, and at the latest after this
 */
@ConfigurationProperties("kama.console")
public record ConsoleStreamProperties(@DefaultValue("1000") int ringSize,
                                      @DefaultValue("256") int queueSize,
                                      @DefaultValue("15s") Duration heartbeat,
                                      @DefaultValue("1h") Duration maxLifetime) {
}
