/**
 * Live updates for the staff's incident console (issue 12): {@link jp.kama.hub.notifications.console.ConsoleStream}
 * keeps the last events of this process in a bounded ring (each with an increasing sequence) and
 * hands each one to every open stream's bounded queue; {@code ConsoleEventsController} serves
 * {@code GET /console/events} as Server-Sent Events with {@code Last-Event-ID} catch-up. The
 * events name only which case, shelter or delivery batch changed; the console re-reads it
 * through the normal API, which applies the caller's visibility. {@code messaging} (case and
 * shelter events) and {@code delivery} (recorded outcomes) publish here; this package depends
 * on neither.
 */
package jp.kama.hub.notifications.console;
