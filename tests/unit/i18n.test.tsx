// @vitest-environment happy-dom
/**
 * Every word of the interface comes from locales/: each view is rendered with a pseudo-locale (each
 * message's letters swapped for accented ones), and no plain English word may be left outside
 * the glossary's own text (marked lang="en"). Spanish must have every English message, with the
 * same placeholders and plural forms.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { render, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';
import { generateChromeMessages, parseMessagesFile } from '@wxt-dev/i18n/build';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { parse } from 'yaml';
import { GlossaryBrowser } from '../../components/GlossaryBrowser';
import { AboutSection, OptionsForm, ShortcutsSection } from '../../components/OptionsApp';
import { lookupOf, Popover } from '../../components/Popover';
import { PopupForm } from '../../components/PopupApp';
import { composeReport } from '../../components/ReportForm';
import { WelcomePage } from '../../components/WelcomeApp';
import type { CompiledEntry, CompiledGlossary } from '../../lib/compiled/compiled';
import { DEFAULT_SETTINGS } from '../../lib/settings';

const LOCALES = join(import.meta.dirname, '..', '..', 'locales');
const english = generateChromeMessages(await parseMessagesFile(join(LOCALES, 'en.yml'))) as Record<string, { message: string }>;

const ACCENTED: Record<string, string> = Object.fromEntries(
  [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((c, i) => [c, [...'ȧƀƈḓḗƒɠħīĵķŀḿƞǿƥɋřşŧŭṽẇẋẏžȦƁƇḒḖƑƓĦĪĴĶĿḾȠǾƤɊŘŞŦŬṼẆẊẎẐ'][i]!]),
);

/** A message with its letters accented, except placeholders ({name}, $1) and the `|` of plurals. */
function pseudo(message: string): string {
  return message
    .split(/(\{\w+\}|\$\d| \| )/)
    .map((piece, i) => (i % 2 === 1 ? piece : piece.replace(/[A-Za-z]/g, (c) => ACCENTED[c]!)))
    .join('');
}

function installPseudoLocale(): void {
  fakeBrowser.i18n.getMessage = ((key: string, substitutions?: string | string[]) => {
    if (key === 'locale_code') return 'qps';
    const message = english[key]?.message;
    if (message === undefined) return '';
    const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
    return pseudo(message).replace(/\$(\d)/g, (m, n: string) => subs[Number(n) - 1] ?? m);
  }) as typeof fakeBrowser.i18n.getMessage;
}

/** Data a view shows as it is (not interface text): the test's site, keys, codes, version. */
const DATA = ['Testamab', 'Testitis', 'test-medicine', '2026-11-27', 'example.org', 'Alt+Shift+Period', 'Alt+Shift+H', 'ICD-10', 'MeSH', '0.1.0', 'chrome://extensions/shortcuts', 'about:addons'];

/** Text a reader sees or hears that is not in the glossary's language: text nodes and labels. */
function interfaceText(root: Element): string[] {
  const out: string[] = [];
  const visit = (node: Node): void => {
    if (node instanceof Element) {
      if (node.getAttribute('lang') === 'en' || node.tagName === 'STYLE' || node.tagName === 'SCRIPT') return;
      for (const attr of ['aria-label', 'title', 'placeholder', 'alt']) {
        const value = node.getAttribute(attr);
        if (value) out.push(value);
      }
      if (node instanceof HTMLTextAreaElement && node.readOnly) out.push(node.value);
    } else if (node.nodeType === Node.TEXT_NODE) {
      out.push(node.textContent ?? '');
    }
    for (const child of node.childNodes) visit(child);
    if (node instanceof Element && node.shadowRoot) for (const child of node.shadowRoot.childNodes) visit(child);
  };
  visit(root);
  return out;
}

function englishLeft(root: Element): string[] {
  return interfaceText(root)
    .map((text) => DATA.reduce((t, d) => t.replaceAll(d, ' '), text))
    .filter((text) => /[A-Za-z]{2,}/.test(text));
}

const medicine: CompiledEntry = {
  id: 'test-medicine',
  name: 'Testamab',
  category: 'drug',
  area: 'skin-hair',
  familiarity: 'specialist',
  pronunciation: 'TEST-a-mab',
  short: 'A test medicine.',
  long: 'Longer text.',
  getHelp: 'Call a doctor.',
  medicine: {
    treats: 'Testing',
    availability: 'prescription',
    approval: 'Approved',
    ages: 'Adults',
    boxedWarnings: [{ name: 'Serious infections', plain: 'Infections can be serious.' }],
    sideEffects: { common: 'Colds', serious: 'Infections' },
  },
  related: ['test-condition'],
  sources: [
    { publisher: 'FDA', title: 'Label', url: 'https://www.fda.gov/x' },
    { publisher: 'NIAMS', title: 'Page', url: 'https://www.niams.nih.gov/x' },
  ],
  reviewed: '2026-11-27',
  codes: { icd10: ['L63'], mesh: ['D000506'] },
};
const condition: CompiledEntry = { ...medicine, id: 'test-condition', name: 'Testitis', category: 'condition', medicine: undefined, related: ['test-medicine'] };
const entries = { [medicine.id]: medicine, [condition.id]: condition, 'alopecia-areata': { ...condition, id: 'alopecia-areata' } };
const glossary = { entries, aliases: [{ text: 'Testamab-x', entryId: medicine.id }] } as unknown as CompiledGlossary;

const root = document.createElement('div');

function show(view: ComponentChild): void {
  act(() => render(view, root));
}

function clickButton(text: string): void {
  const pseudoText = pseudo(english[text]!.message);
  const button = [...root.querySelectorAll('button')].find((b) => b.textContent?.includes(pseudoText));
  if (!button) throw new Error(`no button ${text}`);
  act(() => button.click());
}

describe('every interface string comes from locales/', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    installPseudoLocale();
    render(null, root);
    document.body.replaceChildren(root);
  });

  const noop = () => {};
  const views: [string, () => void][] = [
    [
      'the popup, with terms and paused',
      () =>
        show(
          <PopupForm
            settings={{ ...DEFAULT_SETTINGS, pausedUntil: Date.now() + 60_000 }}
            host="example.org"
            tabTerms={{ state: 'ready', host: 'example.org', active: true, terms: [{ entryId: 'x', name: 'Testitis', short: 'Short.' }] } as never}
            now={Date.now()}
            onChange={noop}
            onShowTerm={noop}
            onOpenOptions={noop}
          />,
        ),
    ],
    ['the popup without a site', () => show(<PopupForm settings={DEFAULT_SETTINGS} host={undefined} tabTerms={{ state: 'unavailable' }} now={0} onChange={noop} onShowTerm={noop} onOpenOptions={noop} />)],
    [
      'the options page',
      () =>
        show(
          <>
            <OptionsForm settings={{ ...DEFAULT_SETTINGS, disabledSites: ['example.org'] }} now={0} onChange={noop} />
            <ShortcutsSection commands={[{ name: 'next-term', shortcut: 'Alt+Shift+Period' }, { name: 'previous-term', shortcut: '' }, { name: 'explain-selection', shortcut: 'Alt+Shift+H' }]} />
            <AboutSection entryCount={3} version="0.1.0" />
          </>,
        ),
    ],
    ['the glossary browser', () => show(<GlossaryBrowser glossary={glossary} />)],
    [
      'the card: a medicine, expanded',
      () => {
        show(<Popover view={{ kind: 'entry', entryId: medicine.id }} entries={lookupOf(entries)} pinned={false} onPinnedChange={noop} onClose={noop} report={{ version: '0.1.0', projectUrl: 'https://github.com/x/y' }} />);
        clickButton('popover_more');
      },
    ],
    [
      'the card: following a related term, with Back',
      () => {
        show(<Popover view={{ kind: 'entry', entryId: medicine.id }} entries={lookupOf(entries)} pinned onPinnedChange={noop} onClose={noop} />);
        act(() => root.querySelector<HTMLButtonElement>('.hg-chip')!.click());
      },
    ],
    [
      'the card: the report form',
      () => {
        show(<Popover view={{ kind: 'entry', entryId: medicine.id }} entries={lookupOf(entries)} pinned onPinnedChange={noop} onClose={noop} report={{ version: '0.1.0', projectUrl: 'https://github.com/x/y' }} />);
        clickButton('popover_report');
      },
    ],
    ['the card: not in the glossary', () => show(<Popover view={{ kind: 'unknown', query: 'zzz', suggestions: [medicine.id] }} entries={lookupOf(entries)} pinned={false} onPinnedChange={noop} onClose={noop} />)],
    ['the welcome page', () => show(<WelcomePage entries={entries} commands={[{ name: 'next-term', shortcut: 'Alt+Shift+Period' }]} onOpenSettings={noop} popoverCss="" />)],
  ];

  for (const [name, renderView] of views) {
    it(`leaves no English in ${name}`, () => {
      renderView();
      expect(root.textContent?.length).toBeGreaterThan(0);
      expect(englishLeft(root)).toEqual([]);
    });
  }

  it('composes the problem report from translated labels', () => {
    const report = composeReport(medicine, { version: '0.1.0', projectUrl: 'https://github.com/x/y' }, 'Wrong');
    const words = DATA.reduce((text, data) => text.replaceAll(data, ''), `${report.title}\n${report.body}`).replace('Wrong', '');
    expect(words).not.toMatch(/[A-Za-z]{2,}/);
  });
});

describe('the Spanish locale', () => {
  type Tree = { [key: string]: string | Tree };
  const flat = (tree: Tree, prefix = ''): Map<string, string> =>
    new Map(
      Object.entries(tree).flatMap(([key, value]) =>
        typeof value === 'string' ? [[prefix + key, value]] : [...flat(value, `${prefix}${key}.`)],
      ),
    );
  const en = flat(parse(readFileSync(join(LOCALES, 'en.yml'), 'utf8')) as Tree);
  const es = flat(parse(readFileSync(join(LOCALES, 'es.yml'), 'utf8')) as Tree);
  const placeholders = (text: string) => [...text.matchAll(/\{\w+\}|\$\d/g)].map((m) => m[0]).sort();

  it('has every English message and no other', () => {
    expect([...es.keys()].sort()).toEqual([...en.keys()].sort());
  });

  it('keeps every placeholder', () => {
    const wrong = [...en].filter(([key, text]) => placeholders(text).join() !== placeholders(es.get(key) ?? '').join() && !key.endsWith('.0') && !key.endsWith('.1'));
    expect(wrong.map(([key]) => key)).toEqual([]);
  });

  it('is a translation: no message is left in English except names', () => {
    const words = (text: string) => text.replace(/\{\w+\}/g, '');
    const same = [...en].filter(([key, text]) => es.get(key) === text && /[a-z]{4,}/.test(words(text))).map(([key]) => key);
    expect(same).toEqual(['app.name', 'options.siteAddPlaceholder', 'welcome.tryFirst']);
  });
});
