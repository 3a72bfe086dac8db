package jp.kama.hub.notifications.channel;

import java.util.UUID;

import jp.kama.hub.notifications.delivery.Delivery;

/** Reaches the on-duty disaster-response staff. Implemented by a channel adapter (LINE). */
public interface StaffNotifier {

    /**
     * Sends {@code text} to the staff because of event {@code eventId}. Calling it again for
     * the same event never delivers a second message.
     *
     * @return what was delivered; a failure that may pass on retry is a {@link DeliveryFailedException}
     */
    Delivery notifyStaff(UUID eventId, String text);
}
