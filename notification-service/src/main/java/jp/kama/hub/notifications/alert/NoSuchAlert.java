package jp.kama.hub.notifications.alert;

import java.util.UUID;

/** No alert has this id. */
final class NoSuchAlert extends RuntimeException {

    NoSuchAlert(UUID id) {
        super("no alert " + id);
    }
}
