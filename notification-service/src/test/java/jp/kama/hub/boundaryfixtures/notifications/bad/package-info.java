/**
 * Deliberately bad code for {@code jp.kama.hub.notifications.ModuleBoundariesTests}: each class
 * breaks one boundary rule, so the test can show that the rule fails on a violation. Lives
 * outside {@code jp.kama.hub.notifications} so that component scanning of the service (and of
 * its {@code *IT}) never picks up {@link jp.kama.hub.boundaryfixtures.notifications.bad.web.SqlController}.
 */
package jp.kama.hub.boundaryfixtures.notifications.bad;
