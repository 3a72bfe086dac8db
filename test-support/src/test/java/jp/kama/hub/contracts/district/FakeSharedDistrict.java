package jp.kama.hub.contracts.district;

/**
 * Stands in for {@code jp.kama.hub.contracts.district.District}, the hand-written shared value that
 * test-support cannot see, so that {@code BoundaryRulesTests} can show domain code may use it.
 */
public enum FakeSharedDistrict {
    YAMADA
}
