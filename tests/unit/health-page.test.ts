// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { isBareLabel, isHealthPage } from '../../lib/health-page';
import { createMatcher } from '../../lib/matcher';
import type { AliasSpec } from '../../lib/matcher/types';
import { describeTerm, setup } from './page-scanner-setup';

const health = ['symptoms', 'doctor', 'treatment', 'mood'];
const ALIASES: AliasSpec[] = [
  { text: 'depression', entryId: 'depression', caseSensitive: false, context: { cues: health, scope: 'block', window: 6 } },
  { text: 'cancer', entryId: 'cancer', caseSensitive: false },
  { text: 'asthma', entryId: 'asthma', caseSensitive: false },
];
const matcher = createMatcher(ALIASES);
const settle = () => new Promise((r) => setTimeout(r, 200));

beforeEach(() => {
  document.head.innerHTML = '';
  document.body.innerHTML = '';
  document.title = '';
});

describe('cuesGranted', () => {
  it('lets a context rule pass without its cue only when asked', () => {
    expect(matcher.findMatches('Depression')).toEqual([]);
    expect(matcher.findMatches('Depression', { cuesGranted: true })).toEqual([{ start: 0, end: 10, entryId: 'depression' }]);
  });
});

describe('isHealthPage', () => {
  it('knows a health site by its name, or a page by the terms in its title', () => {
    expect(isHealthPage('nhs.uk', document, matcher)).toBe(true);
    expect(isHealthPage('medlineplus.gov', document, matcher)).toBe(true);
    expect(isHealthPage('weather.example', document, matcher)).toBe(false);
    document.title = 'Asthma and cancer: what to know';
    expect(isHealthPage('news.example', document, matcher)).toBe(true);
    document.title = 'The Great Depression and the markets';
    expect(isHealthPage('news.example', document, matcher)).toBe(false);
  });
});

describe('bare labels on a health page', () => {
  it('are headings, links and menu items of a few words', async () => {
    document.body.innerHTML = '<nav><a href="/d">Depression</a></nav><p>Depression</p><h2>Living with depression every day of the year</h2>';
    const { scanner, marks } = setup(false, undefined, undefined, {}, { matcher, healthPage: true });
    await scanner.start();
    await settle();
    // The menu link matches; the lone paragraph and the long heading still need their cues.
    expect([...marks.terms()].map(describeTerm)).toEqual(['depression:Depression']);
    const link = document.querySelector('a')!.firstChild as Text;
    expect(isBareLabel({ text: 'Depression', segments: [{ node: link, start: 0 }] })).toBe(true);
    const paragraph = document.querySelector('p')!.firstChild as Text;
    expect(isBareLabel({ text: 'Depression', segments: [{ node: paragraph, start: 0 }] })).toBe(false);
  });

  it('need their cues when the page is not about health', async () => {
    document.body.innerHTML = '<nav><a href="/d">Depression</a></nav><h2>Depression</h2>';
    const { scanner, marks } = setup(false, undefined, undefined, {}, { matcher, healthPage: false });
    await scanner.start();
    await settle();
    expect([...marks.terms()]).toEqual([]);
  });
});
