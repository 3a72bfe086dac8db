/**
 * The LINE adapter: pushes staff notices through LINE's own Messaging API SDK
 * ({@code com.linecorp.bot:line-bot-messaging-api-client}) with a deterministic
 * {@code X-Line-Retry-Key} per (event, recipient). Nothing outside this package sees the SDK.
 * Configured by {@code kama.line.*} ({@code KAMA_LINE_API_URL}, {@code KAMA_LINE_CHANNEL_TOKEN},
 * {@code KAMA_LINE_STAFF_TO}).
 */
package jp.kama.hub.notifications.channel.line;
