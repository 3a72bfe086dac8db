package jp.kama.hub.disasters.evacuation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kama.evacuation.*}. {@code two-person-rule} (default true): evacuation information
 * drafted by one disaster-staff member takes effect only when another approves it; switch it
 * off only for drills, where a draft then takes effect at once.
 */
@ConfigurationProperties("kama.evacuation")
public record EvacuationProperties(@DefaultValue("true") boolean twoPersonRule) {
}
