package jp.kama.hub.cases.caseapi;

import jp.kama.hub.cases.web.BadParameterException;

/** Parses the request parameters the contract leaves as strings. */
final class Versions {

    private Versions() {
    }

    /** {@code "3"}, {@code W/"3"} or {@code 3}: the case version the caller saw. */
    static long parseIfMatch(String ifMatch) {
        String v = ifMatch.strip();
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            v = v.substring(1, v.length() - 1);
        }
        try {
            long version = Long.parseLong(v);
            if (version >= 0) {
                return version;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new BadParameterException("If-Match", "must be the case version from its ETag, e.g. \"3\"");
    }

    /** minLon,minLat,maxLon,maxLat, or null. */
    static double[] parseBbox(String bbox) {
        if (bbox == null) {
            return null;
        }
        String[] parts = bbox.split(",");
        double[] b = new double[4];
        for (int i = 0; i < 4; i++) {
            b[i] = Double.parseDouble(parts[i]);
        }
        if (b[0] > b[2] || b[1] > b[3] || b[1] < -90 || b[3] > 90 || b[0] < -180 || b[2] > 180) {
            throw new BadParameterException("bbox", "must be minLongitude,minLatitude,maxLongitude,maxLatitude with min <= max");
        }
        return b;
    }
}
