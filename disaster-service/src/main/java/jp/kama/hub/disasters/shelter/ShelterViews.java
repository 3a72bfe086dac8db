package jp.kama.hub.disasters.shelter;

import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import jp.kama.hub.contracts.disasters.model.DistrictCode;
import jp.kama.hub.contracts.disasters.model.HazardType;
import jp.kama.hub.contracts.disasters.model.ShelterSnapshot;

/** Maps a shelter to the contract's {@code ShelterSnapshot} at the HTTP edge. */
public final class ShelterViews {

    private ShelterViews() {
    }

    public static ShelterSnapshot snapshot(Shelter s) {
        ShelterMaster m = s.master();
        return new ShelterSnapshot()
                .shelterId(m.id())
                .name(m.name())
                .nameKana(m.nameKana())
                .address(m.address())
                .district(DistrictCode.valueOf(m.district().name()))
                .latitude(m.latitude())
                .longitude(m.longitude())
                .designatedShelter(m.designatedShelter())
                .emergencyEvacuationSite(m.emergencyEvacuationSite())
                .hazards(m.hazards().stream().map(h -> HazardType.valueOf(h.name())).toList())
                .capacity(m.capacity())
                .occupancy(s.occupancy())
                .status(jp.kama.hub.contracts.disasters.model.ShelterStatus.valueOf(s.status().name()))
                .lAlertStatus(s.status().lAlert())
                .openData(openData(m))
                .asOf(s.asOf().atOffset(ZoneOffset.UTC))
                .sample(m.sample());
    }

    /** Column name to value in the national column order. */
    public static Map<String, String> openData(ShelterMaster m) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < OpenDataColumns.NATIONAL.size(); i++) {
            out.put(OpenDataColumns.NATIONAL.get(i), m.openData().get(i));
        }
        return out;
    }
}
