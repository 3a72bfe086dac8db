/** Security rules of notification-service's HTTP API (who may call what). */
package jp.kama.hub.notifications.config;
