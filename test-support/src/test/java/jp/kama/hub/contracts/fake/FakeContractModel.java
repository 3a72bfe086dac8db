package jp.kama.hub.contracts.fake;

/**
 * Stands in for a generated contract type ({@code jp.kama.hub.contracts..}), which test-support cannot
 * see, so that {@code BoundaryRulesTests} can show domain code using one is reported.
 */
public record FakeContractModel(String id) {
}
