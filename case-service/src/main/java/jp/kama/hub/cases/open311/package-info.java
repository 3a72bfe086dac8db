/**
 * Open311 GeoReport v2 ({@code /open311/v2/...}) mapped onto the same intake and cases, so
 * partner apps that already speak Open311 work unchanged: a service is a report category, a
 * service request is one report, its status is its case's (open or closed). Reading is public:
 * no personal data, no free text, positions rounded to about 100 m.
 */
package jp.kama.hub.cases.open311;
