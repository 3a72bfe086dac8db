package jp.kama.hub.boundaryexamples.clean.domain;

/** Clean: a domain record of plain Java types. */
public record Order(String id, int quantity) {
}
