/**
 * The delivery log: which message went to which recipient over which channel because of
 * which event, with the retry key that keeps a retried send from reaching anyone twice.
 * Staff notices are written in the inbox transaction; citizen deliveries when their batch's outcome is known.
 */
package jp.kama.hub.notifications.delivery;
