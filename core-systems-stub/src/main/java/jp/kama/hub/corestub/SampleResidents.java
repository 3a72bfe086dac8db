package jp.kama.hub.corestub;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jp.kama.hub.contracts.core.resident.api.ResidentsApi;
import jp.kama.hub.contracts.core.resident.model.Address;
import jp.kama.hub.contracts.core.resident.model.District;
import jp.kama.hub.contracts.core.resident.model.HouseholdMember;
import jp.kama.hub.contracts.core.resident.model.LastMovement;
import jp.kama.hub.contracts.core.resident.model.MovementReason;
import jp.kama.hub.contracts.core.resident.model.Resident;
import jp.kama.hub.contracts.core.resident.model.ResidentSearchResult;
import jp.kama.hub.contracts.core.resident.model.ResidentStatus;
import jp.kama.hub.contracts.core.resident.model.Sex;
import org.springframework.http.ResponseEntity;

/**
 * The resident record of the stub: invented sample households in each of Kama City's four
 * districts, behind the server interface generated from {@code core-resident-api.yaml}. Every
 * person is a 見本 (sample): family names 見本 / 試験 / 例示 ("sample", "test", "example"),
 * 宛名番号 starting {@code 9999}, block numbers ending in 見本, {@code sample: true}. The 町字
 * are real town names of each district (so that district and address agree); nothing else is.
 *
 * <p>Checks of the parameters the contract states (pattern, required) are done by
 * {@link CoreSystemsStub} before it calls in, as Spring MVC would for a real server.
 */
public final class SampleResidents implements ResidentsApi {

    /** At most this many matches per search (the contract's {@code maxItems}). */
    static final int MAX_MATCHES = 20;

    private record Person(String atena, String kanji, String kana, LocalDate born, Sex sex, String relationship,
                          ResidentStatus status, LocalDate removedOn, String removedReason) {
    }

    private record Household(String number, District district, String town, String block, LocalDate since,
                             List<Person> members) {
    }

    private final Map<String, Household> byAtena = new LinkedHashMap<>();
    private final Map<String, Person> people = new LinkedHashMap<>();

    public SampleResidents() {
        household("99990001", District.YAMADA, "上山田", "1-1見本", "1988-04-01",
                p("999900000101", "見本 太郎", "ミホン タロウ", "1958-04-01", Sex.MALE, "世帯主"),
                p("999900000102", "見本 花子", "ミホン ハナコ", "1961-09-15", Sex.FEMALE, "妻"),
                p("999900000103", "見本 一郎", "ミホン イチロウ", "1990-01-20", Sex.MALE, "子"));
        household("99990002", District.YAMADA, "下山田", "22見本", "1970-10-10",
                p("999900000201", "試験 次郎", "シケン ジロウ", "1940-02-11", Sex.MALE, "世帯主"),
                removed(p("999900000202", "試験 梅子", "シケン ウメコ", "1943-07-07", Sex.FEMALE, "妻"),
                        ResidentStatus.DECEASED, "2025-12-01", "死亡"));
        household("99990003", District.INATSUKI, "鴨生", "3-5見本", "2010-06-01",
                p("999900000301", "見本 健", "ミホン ケン", "1975-05-05", Sex.MALE, "世帯主"),
                p("999900000302", "見本 由美", "ミホン ユミ", "1978-11-30", Sex.FEMALE, "妻"),
                p("999900000303", "見本 翔", "ミホン ショウ", "2008-08-08", Sex.MALE, "子"),
                p("999900000304", "見本 さくら", "ミホン サクラ", "2012-03-25", Sex.FEMALE, "子"));
        household("99990004", District.INATSUKI, "岩崎", "44見本", "1999-01-15",
                p("999900000401", "例示 和子", "レイジ カズコ", "1950-12-24", Sex.FEMALE, "世帯主"));
        household("99990005", District.USUI, "上臼井", "5-1見本", "2018-09-01",
                p("999900000501", "試験 三郎", "シケン サブロウ", "1982-03-03", Sex.MALE, "世帯主"),
                p("999900000502", "試験 恵", "シケン メグミ", "1985-06-16", Sex.FEMALE, "妻"),
                p("999900000503", "試験 蓮", "シケン レン", "2019-10-01", Sex.MALE, "子"));
        household("99990006", District.USUI, "臼井", "66見本", "2015-04-01",
                p("999900000601", "例示 誠", "レイジ マコト", "1995-07-21", Sex.MALE, "世帯主"),
                removed(p("999900000602", "例示 大輔", "レイジ ダイスケ", "1997-02-14", Sex.MALE, "弟"),
                        ResidentStatus.MOVED_OUT, "2026-04-01", "転出 (福岡県福岡市)"));
        household("99990007", District.KAHO, "大隈町", "7-7見本", "1960-05-20",
                p("999900000701", "見本 義男", "ミホン ヨシオ", "1935-01-08", Sex.MALE, "世帯主"),
                p("999900000702", "見本 キヨ", "ミホン キヨ", "1938-10-18", Sex.FEMALE, "妻"),
                p("999900000703", "見本 正", "ミホン タダシ", "1965-09-09", Sex.MALE, "子"));
        household("99990008", District.KAHO, "馬見", "88見本", "2023-02-01",
                p("999900000801", "例示 美咲", "レイジ ミサキ", "2000-04-29", Sex.FEMALE, "世帯主"),
                p("999900000802", "例示 陽", "レイジ ハル", "2024-06-06", Sex.MALE, "子"));
    }

    /** Every sample 宛名番号, in order. */
    public List<String> atenaNumbers() {
        return List.copyOf(people.keySet());
    }

    @Override
    public ResponseEntity<Resident> getResident(String atenaNumber) {
        return find(atenaNumber).map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.notFound().build());
    }

    /** The record of one 宛名番号, if there is one. */
    public Optional<Resident> find(String atenaNumber) {
        Person person = people.get(atenaNumber);
        return person == null ? Optional.empty() : Optional.of(resident(person, byAtena.get(atenaNumber)));
    }

    @Override
    public ResponseEntity<ResidentSearchResult> searchResidents(String name, LocalDate birthDate, String address) {
        String wantedName = squeeze(name);
        String wantedAddress = squeeze(address);
        List<Resident> matches = new ArrayList<>();
        for (Person person : people.values()) {
            Household h = byAtena.get(person.atena());
            if (person.born().equals(birthDate)
                    && (squeeze(person.kanji()).equals(wantedName) || squeeze(person.kana()).equals(wantedName))
                    && squeeze(fullAddress(h)).contains(wantedAddress)
                    && matches.size() < MAX_MATCHES) {
                matches.add(resident(person, h));
            }
        }
        matches.sort(Comparator.comparing(Resident::getAtenaNumber));
        return ResponseEntity.ok(new ResidentSearchResult(matches));
    }

    private Resident resident(Person person, Household h) {
        Resident r = new Resident(person.atena(), h.number(), person.kanji(), person.kana(), person.born(), person.sex(),
                address(h), person.born().isAfter(h.since()) ? person.born() : h.since(), person.status(),
                h.members().stream().map(SampleResidents::member).toList(), true);
        r.addressSince(person.born().isAfter(h.since()) ? person.born() : h.since());
        if (person.status() != ResidentStatus.RESIDENT) {
            r.removedOn(person.removedOn()).removedReason(person.removedReason())
                    .lastMovement(new LastMovement(person.status() == ResidentStatus.DECEASED ? MovementReason.DEATH
                            : MovementReason.MOVE_OUT, person.removedOn()).notifiedOn(person.removedOn()));
        } else if (person.born().isAfter(h.since())) {
            r.lastMovement(new LastMovement(MovementReason.BIRTH, person.born()).notifiedOn(person.born().plusDays(7)));
        } else {
            r.lastMovement(new LastMovement(MovementReason.MOVE_IN, h.since()).notifiedOn(h.since()));
        }
        return r;
    }

    private static HouseholdMember member(Person p) {
        return new HouseholdMember(p.atena(), p.kanji(), p.kana(), p.born(), p.sex(), p.relationship().equals("世帯主"),
                p.relationship(), p.status());
    }

    private static Address address(Household h) {
        return new Address(fullAddress(h), "福岡県", "嘉麻市", h.town(), h.district()).blockNumber(h.block());
    }

    private static String fullAddress(Household h) {
        return "福岡県嘉麻市" + h.town() + h.block();
    }

    /** Without any space, half or full width. */
    private static String squeeze(String s) {
        return s == null ? "" : s.replaceAll("[\\s\\u3000]", "");
    }

    private void household(String number, District district, String town, String block, String since, Person... members) {
        Household h = new Household(number, district, town, block, LocalDate.parse(since), List.of(members));
        for (Person p : members) {
            people.put(p.atena(), p);
            byAtena.put(p.atena(), h);
        }
    }

    private static Person p(String atena, String kanji, String kana, String born, Sex sex, String relationship) {
        return new Person(atena, kanji, kana, LocalDate.parse(born), sex, relationship, ResidentStatus.RESIDENT, null, null);
    }

    private static Person removed(Person p, ResidentStatus status, String on, String reason) {
        return new Person(p.atena(), p.kanji(), p.kana(), p.born(), p.sex(), p.relationship(), status, LocalDate.parse(on), reason);
    }
}
