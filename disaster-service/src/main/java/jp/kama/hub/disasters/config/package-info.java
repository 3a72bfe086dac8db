/** Who may call what: the service's security rules on top of the platform's resource server. */
package jp.kama.hub.disasters.config;
