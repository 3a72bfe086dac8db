/**
 * Hazards: what disaster-service learns from case events (category and place of each
 * reported case, no personal data), and the shelters a hazard case near them flags for staff
 * review; staff acknowledge a flag or close the shelter.
 */
package jp.kama.hub.disasters.hazard;
