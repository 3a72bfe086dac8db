package jp.kama.hub.disasters.shelter;

import java.util.List;
import jp.kama.hub.contracts.district.District;


/**
 * What the open-data CSV says about a shelter: everything but its occupancy and status.
 *
 * @param openData the 39 national column values in the national order ({@link OpenDataColumns#NATIONAL})
 */
public record ShelterMaster(
        String id,
        String name,
        String nameKana,
        String address,
        District district,
        double latitude,
        double longitude,
        boolean designatedShelter,
        boolean emergencyEvacuationSite,
        List<HazardType> hazards,
        int capacity,
        List<String> openData,
        boolean sample) {

    public ShelterMaster {
        hazards = List.copyOf(hazards);
        openData = List.copyOf(openData);
    }
}
