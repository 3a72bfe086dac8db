/**
 * How a message leaves the hub: the {@link jp.kama.hub.notifications.channel.Channel} port,
 * each implementation behind its own {@link jp.kama.hub.notifications.channel.ChannelGuard};
 * one sub-package per channel adapter ({@code line}, {@code mail}, {@code sms}) keeps each
 * provider's SDK out of the other features. Citizens and staff are reached through the same
 * channels and guards.
 */
package jp.kama.hub.notifications.channel;
