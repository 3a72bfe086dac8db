/**
 * The delivery log: which message went to which recipient over which channel because of
 * which event, with the retry key that keeps a retried send from reaching anyone twice.
 * Citizen messages ({@link jp.kama.hub.notifications.delivery.FanOut}) and staff notices
 * ({@link jp.kama.hub.notifications.delivery.StaffFanOut}, routed by
 * {@link jp.kama.hub.notifications.delivery.StaffRoutes}) are planned as batches in the
 * transaction that caused them and sent after the commit; the log row is written when the
 * batch's outcome is known.
 */
package jp.kama.hub.notifications.delivery;
