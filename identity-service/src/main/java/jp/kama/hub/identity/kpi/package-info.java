/**
 * The digital plan's KPI from identity-service's own data (karte 3, the incident console's 計画指標
 * board): successful card logins and terminal verifications in a window, from {@code card}'s
 * {@code CardProofLog}.
 */
@NullMarked
package jp.kama.hub.identity.kpi;

import org.jspecify.annotations.NullMarked;
