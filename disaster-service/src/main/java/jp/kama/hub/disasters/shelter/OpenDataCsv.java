package jp.kama.hub.disasters.shelter;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import jp.kama.hub.contracts.district.District;
import jp.kama.hub.disasters.errors.InvalidInputException;
import jp.kama.hub.disasters.errors.InvalidInputException.Issue;

/**
 * Reads the national open-data CSV for evacuation sites (see {@link OpenDataColumns}) into
 * shelter master data, all or nothing: a header that is not the national one is a 400 naming
 * the column, and every bad cell of every row is listed as {@code rows[n].column} (n is the
 * line number, the header being line 1) in one 422, so an operator can fix the file in one go.
 *
 * <p>Published lists come in UTF-8 (the GSI files with a BOM) and in Shift_JIS, so both are
 * accepted: UTF-8 when the bytes are valid UTF-8, Windows-31J otherwise.
 */
public final class OpenDataCsv {

    private static final int COLUMNS = OpenDataColumns.NATIONAL.size() + 1;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final int MAX_ROWS = 10_000;
    private static final String DISTRICT_EXPECTED = "must be one of " + String.join(", ", District.codes()) + " (or "
            + String.join(", ", Arrays.stream(District.values()).map(District::japaneseName).toList()) + ")";

    private OpenDataCsv() {
    }

    public static List<ShelterMaster> parse(byte[] bytes, boolean sample) {
        List<List<String>> lines = records(decode(bytes));
        if (lines.isEmpty()) {
            throw malformed("header", "the file is empty; expected the national header line");
        }
        checkHeader(lines.getFirst());
        if (lines.size() - 1 > MAX_ROWS) {
            throw malformed("rows", "at most " + MAX_ROWS + " rows per import");
        }
        List<Issue> issues = new ArrayList<>();
        List<ShelterMaster> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 1; i < lines.size(); i++) {
            List<String> cells = lines.get(i);
            String row = "rows[" + (i + 1) + "]";
            if (cells.size() == 1 && cells.getFirst().isBlank()) {
                continue; // a trailing empty line
            }
            if (cells.size() != COLUMNS) {
                issues.add(new Issue(row, "has " + cells.size() + " cells, expected " + COLUMNS));
                continue;
            }
            row(cells, row, sample, issues, ids).ifPresent(out::add);
        }
        if (!issues.isEmpty()) {
            throw new InvalidInputException(false, "The CSV has " + issues.size() + " bad cell(s); nothing was stored.", issues);
        }
        if (out.isEmpty()) {
            throw malformed("rows", "the file has no shelter rows");
        }
        return out;
    }

    private static Optional<ShelterMaster> row(List<String> c, String row, boolean sample, List<Issue> issues, Set<String> ids) {
        int before = issues.size();
        String id = c.get(OpenDataColumns.ID).strip();
        if (!ID.matcher(id).matches()) {
            issues.add(new Issue(row + ".ID", "required here (the shelter's stable id): 1-64 of A-Z a-z 0-9 _ . -"));
        } else if (!ids.add(id)) {
            issues.add(new Issue(row + ".ID", "appears twice in the file"));
        }
        String name = required(c, OpenDataColumns.NAME, row, issues);
        String address = required(c, OpenDataColumns.ADDRESS, row, issues);
        double lat = number(c, OpenDataColumns.LATITUDE, -90, 90, row, issues);
        double lon = number(c, OpenDataColumns.LONGITUDE, -180, 180, row, issues);
        int capacity = capacity(c, row, issues);
        List<HazardType> hazards = new ArrayList<>();
        for (HazardType h : HazardType.values()) {
            if (flag(c, OpenDataColumns.FIRST_HAZARD + h.ordinal(), row, issues)) {
                hazards.add(h);
            }
        }
        boolean alsoShelter = flag(c, OpenDataColumns.ALSO_DESIGNATED_SHELTER, row, issues);
        Optional<District> district = District.parse(c.get(OpenDataColumns.NATIONAL.size()));
        if (district.isEmpty()) {
            issues.add(new Issue(row + "." + OpenDataColumns.DISTRICT, DISTRICT_EXPECTED));
        }
        if (issues.size() > before) {
            return Optional.empty();
        }
        String kana = c.get(OpenDataColumns.NAME_KANA).strip();
        List<String> openData = c.subList(0, OpenDataColumns.NATIONAL.size()).stream().map(String::strip).toList();
        // a row of this sheet with a 災害種別 flag is a 指定緊急避難場所; 指定避難所との重複 = 1 makes it a 指定避難所 too
        return Optional.of(new ShelterMaster(id, name, kana.isEmpty() ? null : kana, address, district.get(), lat, lon,
                alsoShelter, !hazards.isEmpty(), hazards, capacity, openData, sample));
    }

    private static String required(List<String> c, int col, String row, List<Issue> issues) {
        String v = c.get(col).strip();
        if (v.isEmpty()) {
            issues.add(new Issue(row + "." + OpenDataColumns.NATIONAL.get(col), "is required"));
        }
        return v;
    }

    private static double number(List<String> c, int col, double min, double max, String row, List<Issue> issues) {
        String v = c.get(col).strip();
        try {
            double d = Double.parseDouble(v);
            if (d >= min && d <= max) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        issues.add(new Issue(row + "." + OpenDataColumns.NATIONAL.get(col),
                "must be a decimal number of WGS84 degrees between " + (int) min + " and " + (int) max));
        return 0;
    }

    private static int capacity(List<String> c, String row, List<Issue> issues) {
        String v = c.get(OpenDataColumns.CAPACITY).strip();
        try {
            int n = Integer.parseInt(v);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        issues.add(new Issue(row + ".想定収容人数", "required here: a whole number of people, at least 1 (status is derived from it)"));
        return 0;
    }

    /** The national encoding: 1 = applies, empty = does not apply. */
    private static boolean flag(List<String> c, int col, String row, List<Issue> issues) {
        String v = c.get(col).strip();
        if (v.equals("1")) {
            return true;
        }
        if (!v.isEmpty()) {
            issues.add(new Issue(row + "." + OpenDataColumns.NATIONAL.get(col), "must be 1 (applies) or empty (does not apply)"));
        }
        return false;
    }

    private static void checkHeader(List<String> header) {
        List<String> expected = new ArrayList<>(OpenDataColumns.NATIONAL);
        expected.add(OpenDataColumns.DISTRICT);
        List<Issue> issues = new ArrayList<>();
        for (int i = 0; i < Math.max(expected.size(), header.size()); i++) {
            String want = i < expected.size() ? expected.get(i) : null;
            String got = i < header.size() ? header.get(i).strip() : null;
            if (want == null) {
                issues.add(new Issue("header[" + (i + 1) + "]", "unexpected column after " + OpenDataColumns.DISTRICT));
            } else if (!want.equals(got)) {
                issues.add(new Issue("header[" + (i + 1) + "]", "expected column " + want + (got == null ? " (missing)" : ", found " + shown(got))));
            }
        }
        if (!issues.isEmpty()) {
            throw new InvalidInputException(true,
                    "The header must be the 39 national columns of 03 指定緊急避難場所一覧 in order, then 地区.", issues);
        }
    }

    /**
     * A header cell as quoted back in an error: control characters shown as U+FFFD and at most 40
     * characters, so that a wrong file (a photo sent as CSV) does not come back as kilobytes.
     */
    static String shown(String cell) {
        String printable = cell.codePoints().map(c -> Character.isISOControl(c) ? 0xFFFD : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return printable.codePointCount(0, printable.length()) <= 40 ? printable
                : printable.substring(0, printable.offsetByCodePoints(0, 40)) + "…";
    }

    private static InvalidInputException malformed(String field, String message) {
        return new InvalidInputException(true, "The CSV cannot be read.", List.of(new Issue(field, message)));
    }

    static String decode(byte[] bytes) {
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
        ByteBuffer buf = ByteBuffer.wrap(bytes, start, bytes.length - start);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(buf).toString();
        } catch (CharacterCodingException notUtf8) {
            return new String(bytes, Charset.forName("windows-31j"));
        }
    }

    /** RFC 4180: quoted cells may hold commas, quotes ("") and line breaks; CRLF or LF. */
    static List<List<String>> records(String text) {
        List<List<String>> out = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            any = true;
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else if (ch == '\r' || ch == '\n') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                cells.add(cell.toString());
                cell.setLength(0);
                out.add(cells);
                cells = new ArrayList<>();
                any = false;
            } else {
                cell.append(ch);
            }
        }
        if (any) {
            cells.add(cell.toString());
            out.add(cells);
        }
        return out;
    }
}
