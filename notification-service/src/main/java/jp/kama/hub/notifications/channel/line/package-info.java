/**
 * The LINE adapter: multicasts to citizens and pushes staff notices to LINE groups through
 * LINE's own Messaging API SDK ({@code com.linecorp.bot:line-bot-messaging-api-client}), with
 * the batch id as {@code X-Line-Retry-Key}. Nothing outside this package sees the SDK.
 * Configured by {@code kama.line.*} ({@code KAMA_LINE_API_URL}, {@code KAMA_LINE_CHANNEL_TOKEN},
 * {@code KAMA_LINE_CHANNEL_SECRET}).
 */
package jp.kama.hub.notifications.channel.line;
