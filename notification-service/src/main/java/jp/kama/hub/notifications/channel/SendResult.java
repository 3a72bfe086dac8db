package jp.kama.hub.notifications.channel;

/**
 * What a provider answered to an accepted call.
 *
 * @param alreadyAccepted the provider had accepted this idempotency key before (an earlier
 *                        attempt got through, e.g. before a crash): delivered, not sent again
 * @param providerRequestId the provider's request id, for support enquiries
 */
public record SendResult(boolean alreadyAccepted, String providerRequestId) {
}
