/**
 * Where a report is: the point must lie inside Kama City and gets its district. The boundary
 * is GeoJSON data ({@code kama.cases.boundary}), read once with JTS; the shipped file is a
 * hand-drawn approximation, see docs/cases.md for its accuracy and how to put N03 data in.
 */
package jp.kama.hub.cases.location;
