/**
 * Request correlation: every response carries {@code X-Request-Id}, and every routed request
 * passes the same id to the service, so one id links the gateway's and the service's logs.
 */
@NullMarked
package jp.kama.hub.gateway.requestid;

import org.jspecify.annotations.NullMarked;
