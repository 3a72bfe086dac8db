package jp.kama.hub.cases.casefile;

/** WGS84 decimal degrees. */
public record GeoPoint(double latitude, double longitude) {
    public GeoPoint {
        if (latitude < -90 || latitude > 90 || longitude < -180 || longitude > 180 || Double.isNaN(latitude) || Double.isNaN(longitude)) {
            throw new IllegalArgumentException("not a WGS84 position: " + latitude + ", " + longitude);
        }
    }
}
