/**
 * CAP alerts under the two-person rule: {@link jp.kama.hub.notifications.alert.AlertDraft}
 * holds the rule (plain Java), {@link jp.kama.hub.notifications.alert.Alerts} stores alerts and
 * publishes an approved one (CAP feed entry, broadcast), {@code AlertsController} only maps
 * HTTP to these and back.
 */
package jp.kama.hub.notifications.alert;
