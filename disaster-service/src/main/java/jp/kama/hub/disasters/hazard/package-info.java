/**
 * Hazards: what disaster-service learns from case events (category and place of each
 * reported case), the basis for flagging shelters near a landslide or flood.
 */
package jp.kama.hub.disasters.hazard;
