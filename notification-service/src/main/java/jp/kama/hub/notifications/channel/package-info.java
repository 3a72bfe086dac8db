/**
 * How a message leaves the hub: the ports the rest of the service uses ({@link
 * jp.kama.hub.notifications.channel.StaffNotifier}); one sub-package per channel adapter
 * ({@code line}) keeps each provider's SDK out of the other features.
 */
package jp.kama.hub.notifications.channel;
