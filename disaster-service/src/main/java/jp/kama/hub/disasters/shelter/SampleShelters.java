package jp.kama.hub.disasters.shelter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Loads the shipped sample shelters (three or so per district, all marked sample, none of
 * them real) when the shelter table is empty, so a fresh local stack has something to show.
 * Switch off with {@code kama.shelters.load-sample=false} before loading the real list.
 */
@Component
class SampleShelters implements ApplicationRunner {

    static final String RESOURCE = "shelters/sample-shelters.csv";
    private static final Logger log = LoggerFactory.getLogger(SampleShelters.class);

    private final Shelters shelters;
    private final ShelterProperties props;

    SampleShelters(Shelters shelters, ShelterProperties props) {
        this.shelters = shelters;
        this.props = props;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!props.loadSample()) {
            return;
        }
        try (InputStream in = new ClassPathResource(RESOURCE).getInputStream()) {
            if (shelters.loadSampleIfEmpty(in.readAllBytes())) {
                log.info("loaded the sample shelters from {} (sample data, not real facilities)", RESOURCE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
