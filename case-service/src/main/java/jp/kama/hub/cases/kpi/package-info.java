/**
 * The digital plan's KPIs from case-service's own tables (the incident console's 計画指標 board):
 * open and overdue cases now (karte 38, counted as the unprocessed board counts them) and the
 * reports received in a window per channel. How a reporter logged in (card or password) is not
 * stored here, so card-based reports (karte 3) are not counted.
 */
package jp.kama.hub.cases.kpi;
