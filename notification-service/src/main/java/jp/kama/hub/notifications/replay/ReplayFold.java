package jp.kama.hub.notifications.replay;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jp.kama.hub.contracts.events.CaseEvents;
import jp.kama.hub.contracts.events.CaseLifecycleV1;
import jp.kama.hub.contracts.events.CaseReportedV1;
import jp.kama.hub.contracts.events.CaseStatusV1;
import jp.kama.hub.contracts.events.EvacuationEvents;
import jp.kama.hub.contracts.events.EvacuationLevelChangedV1;
import jp.kama.hub.contracts.events.ShelterEvents;
import jp.kama.hub.contracts.events.ShelterStatusChangedV1;
import jp.kama.hub.contracts.notifications.model.ConsoleReplay;
import jp.kama.hub.contracts.notifications.model.District;
import jp.kama.hub.contracts.notifications.model.ReplayCase;
import jp.kama.hub.contracts.notifications.model.ReplayEvacuation;
import jp.kama.hub.contracts.notifications.model.ReplayEvent;
import jp.kama.hub.contracts.notifications.model.ReplayShelter;
import jp.kama.hub.contracts.notifications.model.ReplaySnapshot;
import jp.kama.hub.platform.events.PoisonEventException;
import jp.kama.hub.platform.events.ReceivedEvent;

/**
 * Folds the events, in time order, into the state the map and the boards show: each case
 * (category, district, position, state, severity, overdue), each shelter (status, counts),
 * each district's evacuation level. The events before {@code from} make the snapshot; each event
 * in {@code [from, to]} is answered with the state of its case, shelter or district after it.
 * Events of other types (hazard flags, approval requests) and events whose data does not fit
 * their contract change nothing. Only ids, codes, positions and counts are copied: no reporter,
 * no description, no evacuation message.
 */
final class ReplayFold {

    private static final Set<String> SHELTER_SNAPSHOTS = Set.of(ShelterEvents.REGISTERED, ShelterEvents.OCCUPANCY_CHANGED);

    private final Map<String, ReplayCase> cases = new LinkedHashMap<>();
    private final Map<String, ReplayShelter> shelters = new LinkedHashMap<>();
    private final Map<String, ReplayEvacuation> evacuation = new LinkedHashMap<>();
    private final Map<String, Instant> shelterAsOf = new LinkedHashMap<>();

    private ReplayFold() {
    }

    static ConsoleReplay fold(List<KafkaReplay.Read> reads, Instant from, Instant to, int maxEvents) {
        List<KafkaReplay.Read> sorted = new ArrayList<>(reads);
        sorted.sort(Comparator.comparing(KafkaReplay.Read::time));
        ReplayFold state = new ReplayFold();
        List<ReplayEvent> events = new ArrayList<>();
        boolean truncated = false;
        Instant oldest = null;
        ReplaySnapshot snapshot = null;
        for (KafkaReplay.Read read : sorted) {
            if (oldest == null) {
                oldest = read.time();
            }
            if (read.time().isAfter(to)) {
                break;
            }
            if (snapshot == null && !read.time().isBefore(from)) {
                snapshot = state.snapshot();
            }
            ReplayEvent step;
            try {
                step = state.apply(read.event());
            } catch (PoisonEventException | IllegalArgumentException bad) {
                continue;
            }
            if (step == null || read.time().isBefore(from)) {
                continue;
            }
            if (events.size() >= maxEvents) {
                truncated = true;
                break;
            }
            events.add(step.time(utc(read.time())));
        }
        return new ConsoleReplay(utc(from), utc(to), snapshot == null ? state.snapshot() : snapshot, events, truncated)
                .retainedFrom(oldest == null ? null : utc(oldest));
    }

    private static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }

    private ReplaySnapshot snapshot() {
        return new ReplaySnapshot(cases.values().stream().map(ReplayFold::copy).toList(),
                shelters.values().stream().map(ReplayFold::copy).toList(),
                evacuation.values().stream().map(e -> new ReplayEvacuation(e.getDistrict()).level(e.getLevel())).toList());
    }

    /** Applies one event; the event as answered (without its time), or null when it changes nothing shown. */
    private ReplayEvent apply(ReceivedEvent e) {
        String type = e.type();
        if (type.startsWith(CaseEvents.TYPE_PREFIX)) {
            ReplayCase c = applyCase(e);
            return c == null ? null : new ReplayEvent(null, "case", kind(type, CaseEvents.TYPE_PREFIX))._case(copy(c));
        }
        if (type.startsWith(ShelterEvents.TYPE_PREFIX)) {
            ReplayShelter s = applyShelter(e);
            return s == null ? null : new ReplayEvent(null, "shelter", kind(type, ShelterEvents.TYPE_PREFIX)).shelter(copy(s));
        }
        if (EvacuationEvents.LEVEL_CHANGED.equals(type)) {
            EvacuationLevelChangedV1 d = e.data(EvacuationLevelChangedV1.class);
            District district = district(d.getDistrict());
            if (district == null) {
                return null;
            }
            ReplayEvacuation level = new ReplayEvacuation(district).level(d.getLevel());
            evacuation.put(d.getDistrict().name(), level);
            return new ReplayEvent(null, "evacuation", "level-changed").evacuation(new ReplayEvacuation(district).level(d.getLevel()));
        }
        return null;
    }

    private ReplayCase applyCase(ReceivedEvent e) {
        if (CaseEvents.REPORTED.equals(e.type())) {
            CaseReportedV1 d = e.data(CaseReportedV1.class);
            if (d.getCaseId() == null) {
                return null;
            }
            ReplayCase c = new ReplayCase(d.getCaseId().toString(), CaseStatusV1.REPORTED.value())
                    .category(d.getCategory() == null ? null : d.getCategory().value())
                    .district(district(d.getDistrict())).overdue(false);
            if (d.getLocation() != null) {
                c.latitude(d.getLocation().getLatitude()).longitude(d.getLocation().getLongitude());
            }
            cases.put(c.getCaseId(), c);
            return c;
        }
        CaseLifecycleV1 d = e.data(CaseLifecycleV1.class);
        if (d.getCaseId() == null || d.getStatus() == null) {
            return null;
        }
        String status = d.getStatus().value();
        // a case reported before the retention has no position: it is kept for the boards
        ReplayCase c = cases.computeIfAbsent(d.getCaseId().toString(), id -> new ReplayCase(id, status).overdue(false));
        boolean statusChanged = !status.equals(c.getStatus());
        c.status(status);
        if (d.getCategory() != null) {
            c.category(d.getCategory().value());
        }
        District district = district(d.getDistrict());
        if (district != null) {
            c.district(district);
        }
        c.severity(d.getSeverity());
        if (CaseEvents.OVERDUE.equals(e.type())) {
            c.overdue(true);
        } else if (statusChanged) {
            c.overdue(false);
        }
        return c;
    }

    private ReplayShelter applyShelter(ReceivedEvent e) {
        if (!ShelterEvents.STATUS_CHANGED.equals(e.type()) && !SHELTER_SNAPSHOTS.contains(e.type())) {
            return null;
        }
        // the contract's status-changed data is the snapshot plus previousStatus and reason: it reads all three
        ShelterStatusChangedV1 s = e.data(ShelterStatusChangedV1.class);
        if (s.getShelterId() == null || s.getStatus() == null) {
            return null;
        }
        Instant known = shelterAsOf.get(s.getShelterId());
        if (known != null && s.getAsOf() != null && s.getAsOf().isBefore(known)) {
            return null;
        }
        if (s.getAsOf() != null) {
            shelterAsOf.put(s.getShelterId(), s.getAsOf());
        }
        ReplayShelter r = new ReplayShelter(s.getShelterId(), s.getStatus().value()).name(s.getName())
                .district(district(s.getDistrict()))
                .latitude(s.getLatitude()).longitude(s.getLongitude()).capacity(s.getCapacity()).occupancy(s.getOccupancy());
        shelters.put(s.getShelterId(), r);
        return r;
    }

    /** The replay API's district for an event's district; null for none. */
    static District district(jp.kama.hub.contracts.district.District district) {
        if (district == null) {
            return null;
        }
        try {
            return District.fromValue(district.name());
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    /** {@code jp.kama.case.triaged.v1} with prefix {@code jp.kama.case.} is {@code triaged}. */
    static String kind(String type, String prefix) {
        int version = type.lastIndexOf(".v");
        return version > prefix.length() ? type.substring(prefix.length(), version) : type.substring(prefix.length());
    }

    private static ReplayCase copy(ReplayCase c) {
        return new ReplayCase(c.getCaseId(), c.getStatus()).category(c.getCategory()).district(c.getDistrict())
                .latitude(c.getLatitude()).longitude(c.getLongitude()).severity(c.getSeverity()).overdue(c.getOverdue());
    }

    private static ReplayShelter copy(ReplayShelter s) {
        return new ReplayShelter(s.getShelterId(), s.getStatus()).name(s.getName()).district(s.getDistrict())
                .latitude(s.getLatitude()).longitude(s.getLongitude()).capacity(s.getCapacity()).occupancy(s.getOccupancy());
    }
}
