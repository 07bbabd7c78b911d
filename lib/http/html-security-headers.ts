/**
 * The security headers of the groups that serve pages (docs, console): middy's http-security-headers,
 * whose policies for HTML (Content-Security-Policy, frame and XSS options, permissions) the API's JSON
 * responses do not need (security-headers.ts).
 */
import httpSecurityHeaders from '@middy/http-security-headers';

export type SecurityHeaderOptions = NonNullable<Parameters<typeof httpSecurityHeaders>[0]>;

/**
 * middy's security headers with the reporting parts left out: its defaults send an empty
 * `Reporting-Endpoints:` on every response and `Report-To:` on HTML pages (no endpoint is configured), and
 * point the CSP and X-XSS-Protection at report groups ("csp", "xss") that do not exist. The registry
 * collects no browser reports, so it sends none of them. `overrides` win, as middy merges them.
 */
export function htmlSecurityHeaders(overrides: SecurityHeaderOptions = {}): ReturnType<typeof httpSecurityHeaders> {
  const { contentSecurityPolicy } = overrides;
  return httpSecurityHeaders({
    reportingEndpoints: false,
    reportTo: false,
    xssProtection: { reportTo: '' },
    ...overrides,
    contentSecurityPolicy: typeof contentSecurityPolicy === 'object' ? { 'report-to': '', ...contentSecurityPolicy } : (contentSecurityPolicy ?? { 'report-to': '' }),
  } as SecurityHeaderOptions);
}
