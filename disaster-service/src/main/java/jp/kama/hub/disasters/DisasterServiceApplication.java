package jp.kama.hub.disasters;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * disaster-service: disasters, evacuation levels, shelters and their occupancy, and hazards
 * that threaten shelters (karte 32).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DisasterServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(DisasterServiceApplication.class, args);
    }
}
