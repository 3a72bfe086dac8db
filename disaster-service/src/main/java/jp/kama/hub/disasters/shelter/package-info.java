/**
 * Shelters (指定避難所 / 指定緊急避難場所): master data from the national open-data CSV,
 * opening and closing, check-in and check-out counted once per stay, and the status
 * OPEN / CROWDED / FULL / CLOSED derived from occupancy under configurable thresholds.
 */
package jp.kama.hub.disasters.shelter;
