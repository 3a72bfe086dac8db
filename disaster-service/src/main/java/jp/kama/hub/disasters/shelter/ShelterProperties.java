package jp.kama.hub.disasters.shelter;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kama.shelters.*}: the thresholds in force until staff change them
 * ({@code PUT /shelters/thresholds}), and whether to load the sample shelters into an empty table.
 */
@ConfigurationProperties("kama.shelters")
public record ShelterProperties(
        @DefaultValue("80") int crowdedPercent,
        @DefaultValue("100") int fullPercent,
        @DefaultValue("true") boolean loadSample) {
}
