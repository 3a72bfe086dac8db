/**
 * The drill simulator (karte 31 訓練): {@link jp.kama.hub.drill.DrillCommand} reads a
 * {@link jp.kama.hub.drill.Scenario}, turns it with a seed into a deterministic
 * {@link jp.kama.hub.drill.Plan}, and {@link jp.kama.hub.drill.DrillRunner} plays the plan against a
 * running hub through its public HTTP interfaces only (gateway, Keycloak, Open311), then prints a
 * {@link jp.kama.hub.drill.Summary}. See docs/drill.md.
 */
package jp.kama.hub.drill;
