package jp.kama.hub.boundaryexamples.clean.domain;

import jp.kama.hub.contracts.district.FakeSharedDistrict;

/** Clean: a domain record of plain Java types and the shared district value of {@code contracts}. */
public record Order(String id, int quantity, FakeSharedDistrict district) {
}
