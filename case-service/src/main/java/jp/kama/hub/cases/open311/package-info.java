/**
 * Open311 GeoReport v2 ({@code /open311/v2/...}) mapped onto the same intake and cases, so
 * partner apps that already speak Open311 work unchanged: a service is a report category, a
 * service request is one report, its status is its case's (open or closed). Reading is public:
 * no personal data, no free text, positions rounded to about 100 m. Posting takes a partner's
 * {@code api_key} (issued by admins, stored as a hash: {@code PartnerKeys}) or a bearer token;
 * errors are GeoReport v2 error lists ({@code Open311Errors}, {@code Open311Authentication}).
 */
package jp.kama.hub.cases.open311;
