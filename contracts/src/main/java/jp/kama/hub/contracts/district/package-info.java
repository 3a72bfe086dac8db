/**
 * Kama City's districts (地区): the one list every service uses. The OpenAPI specs, the event
 * schemas and the district outline GeoJSON beside it name the same four; {@code DistrictContractTests}
 * fails when any of them disagrees with {@link jp.kama.hub.contracts.district.District}.
 */
@NullMarked
package jp.kama.hub.contracts.district;

import org.jspecify.annotations.NullMarked;
