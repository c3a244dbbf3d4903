import { describe, expect, it } from 'vitest';
import {
  activityOn,
  disablingSite,
  formatDuration,
  isPaused,
  isSiteDisabled,
  normalizeHostname,
  pauseRemainingMs,
  siteOfUrl,
  withoutSite,
  withSite,
} from '../../lib/site';

describe('hostnames', () => {
  it('normalises what a reader types or a tab URL holds', () => {
    expect(normalizeHostname('Example.COM')).toBe('example.com');
    expect(normalizeHostname('  https://www.nhs.uk/conditions/alopecia/  ')).toBe('nhs.uk');
    expect(normalizeHostname('news.example.com:8080/path?q=1')).toBe('news.example.com');
    expect(normalizeHostname('example.com.')).toBe('example.com');
    expect(normalizeHostname('127.0.0.1')).toBe('127.0.0.1');
    expect(normalizeHostname('localhost')).toBe('localhost');
    // "www" alone or as the whole name is a name, not a prefix.
    expect(normalizeHostname('www.com')).toBe('www.com');
  });

  it('rejects what is not a hostname', () => {
    for (const input of ['', '   ', 'not a host', 'exa_mple.com', '-bad.com', 'http://', 'a..b']) {
      expect(normalizeHostname(input), input).toBeUndefined();
    }
  });

  it('reads the site of page URLs only', () => {
    expect(siteOfUrl('https://www.mayoclinic.org/x')).toBe('mayoclinic.org');
    expect(siteOfUrl('chrome://extensions')).toBeUndefined();
    expect(siteOfUrl('about:blank')).toBeUndefined();
    expect(siteOfUrl(undefined)).toBeUndefined();
  });

  it('matches a listed site and its subdomains, not look-alikes', () => {
    const list = ['example.com', 'nhs.uk'];
    expect(disablingSite('example.com', list)).toBe('example.com');
    expect(disablingSite('news.example.com', list)).toBe('example.com');
    expect(disablingSite('www.example.com', list)).toBe('example.com');
    expect(isSiteDisabled('badexample.com', list)).toBe(false);
    expect(isSiteDisabled('example.com.evil.net', list)).toBe(false);
    expect(isSiteDisabled(undefined, list)).toBe(false);
  });

  it('adds sites normalised and once, and removes what covers a host', () => {
    expect(withSite(['nhs.uk'], 'https://www.Example.com/a')).toEqual(['example.com', 'nhs.uk']);
    expect(withSite(['example.com'], 'example.com')).toEqual(['example.com']);
    expect(withSite(['example.com'], 'not a host')).toEqual(['example.com']);
    // Turning a subdomain back on removes the parent entry that covered it.
    expect(withoutSite(['example.com', 'nhs.uk'], 'news.example.com')).toEqual(['nhs.uk']);
    expect(withoutSite(['news.example.com'], 'example.com')).toEqual(['news.example.com']);
  });
});

describe('pause', () => {
  it('is over once its end has passed', () => {
    expect(isPaused(0, 1000)).toBe(false);
    expect(isPaused(2000, 1000)).toBe(true);
    expect(isPaused(1000, 1000)).toBe(false);
    expect(pauseRemainingMs(61_000, 1000)).toBe(60_000);
    expect(pauseRemainingMs(500, 1000)).toBe(0);
  });

  it('splits a remaining time for display, rounding minutes up', () => {
    expect(formatDuration(45_000)).toEqual({ hours: 0, minutes: 0, seconds: 45 });
    expect(formatDuration(59 * 60_000 + 1)).toEqual({ hours: 1, minutes: 0, seconds: 0 });
    expect(formatDuration(58 * 60_000 + 30_000)).toEqual({ hours: 0, minutes: 59, seconds: 0 });
    expect(formatDuration(65 * 60_000)).toEqual({ hours: 1, minutes: 5, seconds: 0 });
    expect(formatDuration(-5)).toEqual({ hours: 0, minutes: 0, seconds: 0 });
  });
});

describe('activity on a page', () => {
  const base = { enabled: true, disabledSites: ['example.com'], pausedUntil: 0 };
  it('names why the extension is off, master switch first', () => {
    expect(activityOn(base, 'nhs.uk', 1000)).toBe('on');
    expect(activityOn(base, 'news.example.com', 1000)).toBe('off-on-site');
    expect(activityOn({ ...base, pausedUntil: 5000 }, 'nhs.uk', 1000)).toBe('paused');
    expect(activityOn({ ...base, pausedUntil: 5000 }, 'nhs.uk', 6000)).toBe('on');
    expect(activityOn({ ...base, enabled: false, pausedUntil: 5000 }, 'example.com', 1000)).toBe('off-everywhere');
  });
});
