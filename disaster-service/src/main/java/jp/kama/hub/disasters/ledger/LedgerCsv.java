package jp.kama.hub.disasters.ledger;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import jp.kama.hub.disasters.ledger.LedgerTypes.Entry;
import jp.kama.hub.disasters.ledger.LedgerTypes.Household;
import jp.kama.hub.disasters.ledger.LedgerTypes.Person;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;

/**
 * The ledger as CSV for the national 被災者支援システム: one row per person, the columns of
 * disaster-api.yaml {@code exportLedger} (the hub's own layout: the national import format could
 * not be checked). Apache Commons CSV writes RFC 4180 (quotes, CRLF); times in JST.
 */
final class LedgerCsv {

    static final List<String> HEADER = List.of("災害ID", "世帯番号", "地区", "住所", "被災住家の所在地", "世帯員取得状況",
            "宛名番号", "氏名", "氏名カナ", "生年月日", "性別", "続柄", "世帯主", "住民状態", "申請者", "要配慮者区分",
            "被害の程度", "調査日時", "罹災証明書番号", "罹災証明書交付日時", "支援", "避難所", "案件");

    private static final DateTimeFormatter JST = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(ZoneId.of("Asia/Tokyo"));

    private LedgerCsv() {
    }

    /** The CSV text, starting with a byte-order mark (spreadsheet programs then read it as UTF-8). */
    static String write(UUID disasterId, List<Entry> entries) {
        StringWriter out = new StringWriter().append('\uFEFF');
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(HEADER.toArray(String[]::new)).get())) {
            for (Entry e : entries) {
                Household h = e.household();
                String support = e.support().stream().map(s -> s.kind().name() + ":" + s.givenOn()).collect(Collectors.joining(";"));
                String shelters = e.shelterStays().stream().map(LedgerTypes.StayView::shelterId).distinct().collect(Collectors.joining(";"));
                String cases = e.cases().stream().map(c -> c.caseId().toString()).collect(Collectors.joining(";"));
                for (Person p : e.persons()) {
                    List<Object> row = new ArrayList<>();
                    row.add(disasterId);
                    row.add(h.householdNumber());
                    row.add(text(h.district()));
                    row.add(text(h.address()));
                    row.add(text(h.dwellingAddress()));
                    row.add(h.membersState().name());
                    row.add(p.atenaNumber());
                    row.add(text(p.nameKanji()));
                    row.add(text(p.nameKana()));
                    row.add(p.birthDate() == null ? "" : p.birthDate().toString());
                    row.add(text(p.sex()));
                    row.add(text(p.relationship()));
                    row.add(p.householdHead() == null ? "" : p.householdHead() ? "1" : "0");
                    row.add(text(p.status()));
                    row.add(p.applicant() ? "1" : "0");
                    row.add(p.specialCare() == null ? "" : p.specialCare().reason().name());
                    row.add(text(h.damage().grade()));
                    row.add(time(h.damage().surveyedAt()));
                    row.add(text(h.damage().certificateNumber()));
                    row.add(time(h.damage().certificateIssuedAt()));
                    row.add(support);
                    row.add(shelters);
                    row.add(cases);
                    csv.printRecord(row);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * A text cell. One that a spreadsheet would take for a formula (starting with =, +, -, @, tab or
     * CR: CSV injection) is prefixed with an apostrophe, so an address typed into an application
     * cannot run in the program that opens the export.
     */
    static String text(@Nullable String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        return "=+-@\t\r".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
    }

    private static String time(@Nullable Instant at) {
        return at == null ? "" : JST.format(at);
    }
}
