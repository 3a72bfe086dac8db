/**
 * The incident console's after-action replay (issue 12, karte 31): {@code KafkaReplay} reads
 * the case, shelter and evacuation topics with its own short-lived consumer (all partitions
 * assigned, no consumer group, nothing committed) from their earliest retained record, and
 * {@code ReplayFold} turns the events into the state at the start of a range plus the range's
 * events, each with the state it left behind; {@code ReplayController} serves
 * {@code GET /console/replay}. Nothing is stored: a restarted service answers the same.
 */
package jp.kama.hub.notifications.replay;
