package jp.kama.hub.disasters.messaging;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import jp.kama.hub.contracts.events.CaseCategoryV1;
import jp.kama.hub.contracts.events.DisasterDeclaredV1;
import jp.kama.hub.contracts.events.DisasterEndedV1;
import jp.kama.hub.contracts.events.DisasterEvents;
import jp.kama.hub.contracts.events.EvacuationApprovalRequestedV1;
import jp.kama.hub.contracts.events.EvacuationEvents;
import jp.kama.hub.contracts.events.EvacuationLevelChangedV1;
import jp.kama.hub.contracts.events.HazardTypeV1;
import jp.kama.hub.contracts.events.LAlertStatusV1;
import jp.kama.hub.contracts.events.ShelterEvents;
import jp.kama.hub.contracts.events.ShelterHazardFlaggedV1;
import jp.kama.hub.contracts.events.ShelterSnapshotV1;
import jp.kama.hub.contracts.events.ShelterStatusChangedV1;
import jp.kama.hub.contracts.events.ShelterStatusV1;
import jp.kama.hub.disasters.declaration.Disaster;
import jp.kama.hub.disasters.declaration.DisasterEventSink;
import jp.kama.hub.disasters.evacuation.AlertLevel;
import jp.kama.hub.disasters.evacuation.DistrictState;
import jp.kama.hub.disasters.evacuation.EvacuationDraft;
import jp.kama.hub.disasters.evacuation.EvacuationEventSink;
import jp.kama.hub.disasters.hazard.HazardEventSink;
import jp.kama.hub.disasters.hazard.HazardFlag;
import jp.kama.hub.disasters.shelter.Shelter;
import jp.kama.hub.disasters.shelter.ShelterEventSink;
import jp.kama.hub.disasters.shelter.ShelterMaster;
import jp.kama.hub.disasters.shelter.ShelterStatus;
import jp.kama.hub.disasters.shelter.ShelterViews;
import jp.kama.hub.disasters.shelter.StatusReason;
import jp.kama.hub.platform.outbox.Outbox;
import org.springframework.stereotype.Component;

/**
 * Maps domain changes to the contract events and records them in the outbox, inside the
 * caller's transaction. Bindings (in application.yml): {@code shelter-events},
 * {@code evacuation-events}, {@code disaster-events}; keys shelter id, district code and
 * disaster id, so each aggregate's events stay in order.
 */
@Component
class OutboxEventSinks implements ShelterEventSink, EvacuationEventSink, DisasterEventSink, HazardEventSink {

    static final String SHELTER_BINDING = "shelter-events";
    static final String EVACUATION_BINDING = "evacuation-events";
    static final String DISASTER_BINDING = "disaster-events";

    private final Outbox outbox;

    OutboxEventSinks(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void registered(Shelter s) {
        outbox.append(SHELTER_BINDING, ShelterEvents.REGISTERED, s.id(), snapshot(s));
    }

    @Override
    public void statusChanged(Shelter s, ShelterStatus previous, StatusReason reason) {
        ShelterMaster m = s.master();
        outbox.append(SHELTER_BINDING, ShelterEvents.STATUS_CHANGED, s.id(), new ShelterStatusChangedV1(m.id(),
                m.name(), m.nameKana(), m.address(), m.district(), m.latitude(), m.longitude(), m.designatedShelter(),
                m.emergencyEvacuationSite(), hazards(m), m.capacity(), s.occupancy(), status(s.status()),
                LAlertStatusV1.fromValue(s.status().lAlert()), ShelterViews.openData(m), s.asOf(), m.sample(),
                previous == null ? null : status(previous), ShelterStatusChangedV1.Reason.fromValue(reason.name())));
    }

    @Override
    public void occupancyChanged(Shelter s) {
        outbox.append(SHELTER_BINDING, ShelterEvents.OCCUPANCY_CHANGED, s.id(), snapshot(s));
    }

    @Override
    public void levelChanged(DistrictState now, Optional<AlertLevel> previous) {
        EvacuationLevelChangedV1 data = new EvacuationLevelChangedV1(now.disasterId(), now.disasterName(),
                now.district(), now.district().japaneseName(),
                now.level().map(AlertLevel::number).orElse(null), now.level().map(AlertLevel::japaneseName).orElse(null),
                previous.map(AlertLevel::number).orElse(null), now.message(), now.issuedAt(), now.draftedBy(),
                now.approvedBy(), now.asOf(), now.exercise());
        outbox.append(EVACUATION_BINDING, EvacuationEvents.LEVEL_CHANGED, now.district().name(), data);
    }

    @Override
    public void approvalRequested(EvacuationDraft d, DistrictState current, String disasterName, boolean exercise) {
        EvacuationApprovalRequestedV1 data = new EvacuationApprovalRequestedV1(d.id(), d.disasterId(), disasterName,
                d.district(), d.district().japaneseName(), d.level().map(AlertLevel::number).orElse(null),
                d.level().map(AlertLevel::japaneseName).orElse(null), current.level().map(AlertLevel::number).orElse(null),
                d.message(), d.draftedAt(), exercise);
        outbox.append(EVACUATION_BINDING, EvacuationEvents.APPROVAL_REQUESTED, d.district().name(), data);
    }

    @Override
    public void flagged(HazardFlag f) {
        outbox.append(SHELTER_BINDING, ShelterEvents.HAZARD_FLAGGED, f.shelterId(), new ShelterHazardFlaggedV1(f.id(),
                f.shelterId(), f.shelterName(), f.caseId(), CaseCategoryV1.fromValue(f.category()),
                f.distanceMeters(), f.reportedAt(), f.flaggedAt()));
    }

    @Override
    public void declared(Disaster d) {
        outbox.append(DISASTER_BINDING, DisasterEvents.DECLARED, d.id().toString(),
                new DisasterDeclaredV1(d.id(), d.name(), HazardTypeV1.fromValue(d.kind().name()), d.declaredAt(),
                        d.declaredBy(), d.declaredAt(), d.exercise()));
    }

    @Override
    public void ended(Disaster d) {
        outbox.append(DISASTER_BINDING, DisasterEvents.ENDED, d.id().toString(),
                new DisasterEndedV1(d.id(), d.name(), HazardTypeV1.fromValue(d.kind().name()), d.declaredAt(),
                        d.endedAt(), d.endedBy(), d.endedAt()));
    }

    private static ShelterSnapshotV1 snapshot(Shelter s) {
        ShelterMaster m = s.master();
        return new ShelterSnapshotV1(m.id(), m.name(), m.nameKana(), m.address(), m.district(), m.latitude(),
                m.longitude(), m.designatedShelter(), m.emergencyEvacuationSite(), hazards(m), m.capacity(),
                s.occupancy(), status(s.status()), LAlertStatusV1.fromValue(s.status().lAlert()),
                ShelterViews.openData(m), s.asOf(), m.sample());
    }

    /** In the national column order (a LinkedHashSet: the schema's uniqueItems array). */
    private static Set<HazardTypeV1> hazards(ShelterMaster m) {
        Set<HazardTypeV1> hazards = new LinkedHashSet<>();
        m.hazards().forEach(h -> hazards.add(HazardTypeV1.fromValue(h.name())));
        return hazards;
    }

    private static ShelterStatusV1 status(ShelterStatus status) {
        return ShelterStatusV1.fromValue(status.name());
    }
}
