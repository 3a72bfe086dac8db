/**
 * The digital plan's KPIs from notification-service's own tables (the incident console's 計画指標
 * board): subscribers per channel (karte 20: LINE friends), disaster publications per channel
 * and their latency from decision to delivery (karte 32), from {@code delivery_batch},
 * {@code subscription} and {@code cap_entry}.
 */
package jp.kama.hub.notifications.kpi;
