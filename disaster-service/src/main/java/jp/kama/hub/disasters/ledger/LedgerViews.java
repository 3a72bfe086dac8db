package jp.kama.hub.disasters.ledger;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jp.kama.hub.contracts.disasters.model.DistrictCode;
import jp.kama.hub.contracts.disasters.model.LedgerCase;
import jp.kama.hub.contracts.disasters.model.LedgerDamage;
import jp.kama.hub.contracts.disasters.model.LedgerHousehold;
import jp.kama.hub.contracts.disasters.model.LedgerHouseholdPage;
import jp.kama.hub.contracts.disasters.model.LedgerHouseholdSummary;
import jp.kama.hub.contracts.disasters.model.LedgerMembersState;
import jp.kama.hub.contracts.disasters.model.LedgerPerson;
import jp.kama.hub.contracts.disasters.model.LedgerRead;
import jp.kama.hub.contracts.disasters.model.LedgerShelterStay;
import jp.kama.hub.contracts.disasters.model.LedgerSpecialCare;
import jp.kama.hub.contracts.disasters.model.LedgerSpecialCareReason;
import jp.kama.hub.contracts.disasters.model.LedgerSupport;
import jp.kama.hub.contracts.disasters.model.LedgerSupportKind;
import jp.kama.hub.disasters.ledger.LedgerTypes.Entry;
import jp.kama.hub.disasters.ledger.LedgerTypes.Household;
import jp.kama.hub.disasters.ledger.LedgerTypes.Page;
import jp.kama.hub.disasters.ledger.LedgerTypes.Person;
import jp.kama.hub.disasters.ledger.LedgerTypes.Read;
import jp.kama.hub.disasters.ledger.LedgerTypes.SpecialCare;
import jp.kama.hub.disasters.ledger.LedgerTypes.Summary;
import jp.kama.hub.disasters.ledger.LedgerTypes.Support;
import org.jspecify.annotations.Nullable;

/** The ledger's values as the contract's models (disaster-api.yaml, tag {@code ledger}). */
final class LedgerViews {

    private LedgerViews() {
    }

    static LedgerHouseholdPage page(Page<Summary> p) {
        return new LedgerHouseholdPage(p.items().stream().map(LedgerViews::summary).toList(), p.page(), p.size(), p.total());
    }

    static LedgerHouseholdSummary summary(Summary s) {
        return new LedgerHouseholdSummary(s.householdNumber(), LedgerMembersState.fromValue(s.membersState().name()),
                s.persons(), s.personsNeedingCare(), time(s.updatedAt()))
                .district(district(s.district())).address(s.address()).headNameKanji(s.headNameKanji())
                .grade(s.grade()).certificateNumber(s.certificateNumber());
    }

    static LedgerHousehold entry(Entry e) {
        Household h = e.household();
        return new LedgerHousehold(h.disasterId(), h.householdNumber(), LedgerMembersState.fromValue(h.membersState().name()),
                e.persons().stream().map(LedgerViews::person).toList(),
                new LedgerDamage().grade(h.damage().grade()).surveyedAt(time(h.damage().surveyedAt()))
                        .certificateNumber(h.damage().certificateNumber())
                        .certificateIssuedAt(time(h.damage().certificateIssuedAt())),
                e.support().stream().map(LedgerViews::support).toList(),
                e.shelterStays().stream().map(s -> new LedgerShelterStay(s.shelterId(), s.shelterName(), time(s.checkedInAt()))
                        .checkedOutAt(time(s.checkedOutAt()))).toList(),
                e.cases().stream().map(c -> new LedgerCase(c.caseId(), c.known()).category(c.category())
                        .latitude(c.latitude()).longitude(c.longitude()).reportedAt(time(c.reportedAt()))).toList(),
                time(h.updatedAt()))
                .district(district(h.district())).address(h.address()).dwellingAddress(h.dwellingAddress())
                .membersFetchedAt(time(h.membersFetchedAt()));
    }

    static LedgerPerson person(Person p) {
        return new LedgerPerson(p.atenaNumber(), p.applicant()).nameKanji(p.nameKanji()).nameKana(p.nameKana())
                .birthDate(p.birthDate()).sex(p.sex()).address(p.address()).householdHead(p.householdHead())
                .relationship(p.relationship()).status(p.status())
                .specialCare(p.specialCare() == null ? null : care(p.specialCare()));
    }

    static LedgerSpecialCare care(SpecialCare c) {
        return new LedgerSpecialCare(LedgerSpecialCareReason.fromValue(c.reason().name()), c.setBy(), time(c.setAt()))
                .note(c.note());
    }

    static LedgerSupport support(Support s) {
        return new LedgerSupport(s.id(), LedgerSupportKind.fromValue(s.kind().name()), s.givenOn(), s.recordedBy(),
                time(s.recordedAt())).note(s.note());
    }

    static LedgerRead read(Read r) {
        return new LedgerRead(r.actor(), r.operation().name(), time(r.at())).purpose(r.purpose());
    }

    private static @Nullable DistrictCode district(@Nullable String code) {
        return code == null ? null : DistrictCode.fromValue(code);
    }

    private static @Nullable OffsetDateTime time(@Nullable Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }
}
