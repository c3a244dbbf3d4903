/**
 * Pure helpers for "is the extension on for this page, now?": hostnames, the per-site list and the
 * timed pause. No browser APIs, so every context (and the unit tests) can use them.
 */

/** A DNS name's longest text form (RFC 1035: 255 octets on the wire). */
export const MAX_HOSTNAME_LENGTH = 253;
const MAX_INPUT_LENGTH = 2048;

/** Hostname labels: letters, digits and hyphens, not starting or ending with a hyphen. */
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * Turns what a reader types or a tab's URL into the hostname stored in `disabledSites`:
 * lower-case, no scheme, port, path or trailing dot, and no leading "www." (a site and its www
 * name are the same site to a reader). Returns undefined for anything that is not a hostname.
 */
export function normalizeHostname(input: string): string | undefined {
  // Nothing longer could hold a hostname worth parsing (a URL's path is dropped anyway).
  if (input.length > MAX_INPUT_LENGTH) return undefined;
  let text = input.trim().toLowerCase();
  if (text === '') return undefined;
  if (!/^[a-z][a-z0-9+.-]*:\/\//.test(text)) text = `http://${text}`;
  let host: string;
  try {
    host = new URL(text).hostname;
  } catch {
    return undefined;
  }
  host = host.replace(/\.$/, '');
  if (host.startsWith('[')) return host; // IPv6 literal, already validated by URL
  if (host.startsWith('www.') && host.split('.').length > 2) host = host.slice(4);
  if (host.length > MAX_HOSTNAME_LENGTH) return undefined;
  const labels = host.split('.');
  if (labels.length === 0 || !labels.every((label) => LABEL.test(label))) return undefined;
  return host;
}

/** The hostname of a page URL as the site list stores it, or undefined for pages without one. */
export function siteOfUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:' && parsed.protocol !== 'file:') return undefined;
    return parsed.hostname ? normalizeHostname(parsed.hostname) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The entry of `disabledSites` that turns the extension off for `host`, if any: the host itself or
 * one of its parent domains ("example.com" covers "news.example.com", not "badexample.com").
 */
export function disablingSite(host: string | undefined, disabledSites: readonly string[]): string | undefined {
  const normal = host === undefined ? undefined : normalizeHostname(host);
  if (!normal) return undefined;
  return disabledSites.find((site) => normal === site || normal.endsWith(`.${site}`));
}

export function isSiteDisabled(host: string | undefined, disabledSites: readonly string[]): boolean {
  return disablingSite(host, disabledSites) !== undefined;
}

/** Adds a site to the list (normalised, no duplicates); returns the list unchanged if invalid. */
export function withSite(disabledSites: readonly string[], input: string): string[] {
  const host = normalizeHostname(input);
  if (!host || disabledSites.includes(host)) return [...disabledSites];
  return [...disabledSites, host].sort();
}

/**
 * Removes what turns `host` off: the host and each parent domain in the list, so "on for this
 * site" works even when the list holds the parent.
 */
export function withoutSite(disabledSites: readonly string[], host: string): string[] {
  const normal = normalizeHostname(host) ?? host;
  return disabledSites.filter((site) => !(normal === site || normal.endsWith(`.${site}`)));
}

export function isPaused(pausedUntil: number, now: number): boolean {
  return pausedUntil > now;
}

/** Milliseconds left in a pause, 0 when there is none. */
export function pauseRemainingMs(pausedUntil: number, now: number): number {
  return Math.max(0, pausedUntil - now);
}

export interface ActivityInput {
  enabled: boolean;
  disabledSites: readonly string[];
  pausedUntil: number;
}

/** Why the extension is off on a page, or 'on'. The popup shows the reason; content obeys it. */
export type Activity = 'on' | 'off-everywhere' | 'off-on-site' | 'paused';

export function activityOn(settings: ActivityInput, host: string | undefined, now: number): Activity {
  if (!settings.enabled) return 'off-everywhere';
  if (isSiteDisabled(host, settings.disabledSites)) return 'off-on-site';
  if (isPaused(settings.pausedUntil, now)) return 'paused';
  return 'on';
}

/** Splits a remaining time for display: seconds under a minute, else whole minutes rounded up. */
export function formatDuration(ms: number): { hours: number; minutes: number; seconds: number } {
  const totalSeconds = Math.max(0, Math.ceil(ms / 1000));
  if (totalSeconds < 60) return { hours: 0, minutes: 0, seconds: totalSeconds };
  const totalMinutes = Math.ceil(totalSeconds / 60);
  return { hours: Math.floor(totalMinutes / 60), minutes: totalMinutes % 60, seconds: 0 };
}
