package jp.kama.hub.disasters.hazard;

import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kama.hazards.*}: which case categories threaten a shelter ({@code categories},
 * default LANDSLIDE) and within how many metres of it ({@code radius-meters}, default 500).
 */
@ConfigurationProperties("kama.hazards")
public record HazardProperties(@DefaultValue("LANDSLIDE") Set<String> categories, @DefaultValue("500") int radiusMeters) {
}
