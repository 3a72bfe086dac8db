/**
 * The citizens' report form ({@code /report/}): a page that works offline (a service worker keeps
 * its files, IndexedDB keeps drafts until they are sent). The gateway serves its static files
 * ({@code static/report/}), the district outline for its map, and its Content-Security-Policy;
 * the route {@code case-service-report-form} in {@code application.yml} takes its reports to
 * case-service's Open311 intake without a login (docs/report-form.md).
 */
package jp.kama.hub.gateway.reportform;
