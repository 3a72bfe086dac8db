/**
 * The delivery log: which message went to which recipient over which channel because of
 * which event, with the retry key that keeps a retried send from reaching anyone twice.
 * Written in the same transaction as the inbox mark of the event.
 */
package jp.kama.hub.notifications.delivery;
