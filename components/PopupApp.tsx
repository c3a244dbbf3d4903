/**
 * The toolbar popup. Split in two: PopupForm is pure (props in, callbacks out) so it can be
 * rendered and tested anywhere; PopupContainer connects it to the settings store and to the
 * content script of the tab it is for.
 */
import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { LIST_TERMS, parseTermsOnPage, REVEAL_TERM, type PopupToContentMessage, type TermsOnPage } from '../lib/messages';
import {
  cacheSettings,
  MARK_STYLES,
  MARK_TERMS,
  readCachedSettings,
  type MarkStyle,
  type MarkTerms,
  type Settings,
} from '../lib/settings';
import { isSiteDisabled, siteOfUrl, withoutSite, withSite } from '../lib/site';
import { markTermsText, PauseControl, Select, statusText, Switch } from './SettingsControls';
import { useSettingsStore } from './settings-store';

/** What the popup knows about the tab's page: still asking, no content script there, or its terms. */
export type TabTerms = { state: 'loading' } | { state: 'unavailable' } | ({ state: 'ready' } & TermsOnPage);

export interface PopupFormProps {
  settings: Settings;
  /** The tab's site, or undefined for pages the extension cannot run on. */
  host: string | undefined;
  tabTerms: TabTerms;
  /** Epoch ms, ticking while a pause runs. */
  now: number;
  /** Why the last change was not saved (the controls show the stored settings again). */
  saveError?: string | undefined;
  onChange: (patch: Partial<Settings>) => void;
  onShowTerm: (entryId: string) => void;
  onOpenOptions: () => void;
}

type Density = 'every' | 'first';

export function PopupForm({ settings, host, tabTerms, now, saveError, onChange, onShowTerm, onOpenOptions }: PopupFormProps) {
  const siteOn = host !== undefined && !isSiteDisabled(host, settings.disabledSites);
  return (
    <main class="popup">
      <header class="popup-header">
        <h1 class="title">{i18n.t('app.name')}</h1>
        <p class="site" title={host}>
          <span class="visually-hidden">{i18n.t('popup.siteLabel')}: </span>
          {host ?? (tabTerms.state === 'loading' ? '' : i18n.t('popup.noSiteShort'))}
        </p>
      </header>
      <p class="status" role="status">
        {host === undefined && tabTerms.state !== 'loading' ? i18n.t('status.noSite') : statusText(settings, host, now)}
      </p>

      <div class="group">
        <Switch label={i18n.t('popup.everywhere')} checked={settings.enabled} onChange={(enabled) => onChange({ enabled })} />
        {host !== undefined && (
          <Switch
            label={i18n.t('popup.thisSite', { site: host })}
            checked={siteOn}
            disabled={!settings.enabled}
            onChange={(on) =>
              onChange({ disabledSites: on ? withoutSite(settings.disabledSites, host) : withSite(settings.disabledSites, host) })
            }
          />
        )}
        <PauseControl settings={settings} now={now} onChange={onChange} />
        {saveError && (
          <p class="save-error" role="alert">
            {saveError}
          </p>
        )}
      </div>

      <TermsSection tabTerms={tabTerms} onShowTerm={onShowTerm} />

      <section class="group quick" aria-labelledby="quick-heading">
        <h2 class="section-heading" id="quick-heading">
          {i18n.t('popup.quickHeading')}
        </h2>
        <div class="quick-row">
          <Select<MarkStyle>
            label={i18n.t('popup.markStyleLabel')}
            value={settings.markStyle}
            values={MARK_STYLES}
            text={(style) => i18n.t(`markStyle.${style}`)}
            onChange={(markStyle) => onChange({ markStyle })}
          />
          <Select<Density>
            label={i18n.t('popup.densityLabel')}
            value={settings.firstOnly ? 'first' : 'every'}
            values={['every', 'first']}
            text={(density) => i18n.t(`density.${density}`)}
            onChange={(density) => onChange({ firstOnly: density === 'first' })}
          />
          <Select<MarkTerms>
            label={i18n.t('popup.markTermsLabel')}
            value={settings.markTerms}
            values={MARK_TERMS}
            text={markTermsText}
            onChange={(markTerms) => onChange({ markTerms })}
          />
        </div>
      </section>

      <footer class="popup-footer">
        <button type="button" class="link-button" onClick={onOpenOptions}>
          {i18n.t('popup.allSettings')}
        </button>
        <p class="privacy">{i18n.t('app.privacy')}</p>
      </footer>
    </main>
  );
}

function TermsSection({ tabTerms, onShowTerm }: { tabTerms: TabTerms; onShowTerm: (entryId: string) => void }) {
  const count = tabTerms.state === 'ready' ? tabTerms.terms.length : 0;
  let body;
  if (tabTerms.state === 'loading') body = null;
  else if (tabTerms.state === 'unavailable') body = <p class="empty">{i18n.t('popup.termsUnavailable')}</p>;
  else if (!tabTerms.active) body = <p class="empty">{i18n.t('popup.termsInactive')}</p>;
  else if (count === 0) body = <p class="empty">{i18n.t('popup.termsNone')}</p>;
  else {
    body = (
      <ul class="terms" aria-labelledby="terms-heading">
        {tabTerms.terms.map((term) => (
          <li key={term.entryId}>
            <button type="button" class="term" onClick={() => onShowTerm(term.entryId)} aria-describedby={`short-${term.entryId}`}>
              <span class="term-name" lang="en">
                {term.name}
              </span>
              <span class="term-short" id={`short-${term.entryId}`} lang="en">
                {term.short}
              </span>
            </button>
          </li>
        ))}
      </ul>
    );
  }
  return (
    <section class="group terms-section" aria-labelledby="terms-heading" aria-busy={tabTerms.state === 'loading'}>
      <h2 class="section-heading" id="terms-heading">
        {i18n.t('popup.termsHeading', count)}
      </h2>
      {body}
    </section>
  );
}

/** The tab the popup is for: `?tab=<id>` (tests open the popup in a tab of its own), else the active tab. */
async function targetTab(): Promise<{ id: number; url: string | undefined } | undefined> {
  const param = new URLSearchParams(location.search).get('tab');
  if (param !== null && /^\d+$/.test(param)) {
    const tab = await browser.tabs.get(Number(param)).catch(() => undefined);
    return { id: Number(param), url: tab?.url };
  }
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  return tab?.id === undefined ? undefined : { id: tab.id, url: tab.url };
}

async function askTab(tabId: number, message: PopupToContentMessage): Promise<unknown> {
  return browser.tabs.sendMessage(tabId, message, { frameId: 0 });
}

/** The term list follows the page (it may still be scanning, or change) while the popup is open. */
const TERMS_REFRESH_MS = 1000;

/** The extension page's localStorage, where it exists (not in every test environment). */
function pageStorage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

export function PopupContainer({ onFirstRender }: { onFirstRender?: () => void }) {
  // The first frame draws from the page's synchronous copy of the last settings; storage.sync,
  // the source of truth, replaces it a moment later.
  const { settings, saveError, change } = useSettingsStore({
    initial: readCachedSettings(pageStorage()),
    onSettings: (next) => cacheSettings(pageStorage(), next),
  });
  const [tab, setTab] = useState<{ id: number; url: string | undefined } | undefined | null>(null);
  const [tabTerms, setTabTerms] = useState<TabTerms>({ state: 'loading' });
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    void targetTab().then(setTab, () => setTab(undefined));
  }, []);

  // A layout effect runs as soon as the settings are in the DOM, before the browser paints them,
  // so the caller can mark the frame that first shows them (a plain effect runs a frame later).
  useLayoutEffect(() => {
    if (settings) onFirstRender?.();
  }, [settings !== undefined]);

  useEffect(() => {
    if (tab === null) return;
    if (tab === undefined) {
      setTabTerms({ state: 'unavailable' });
      return;
    }
    let cancelled = false;
    const refresh = () =>
      askTab(tab.id, { type: LIST_TERMS }).then(
        (raw) => {
          const terms = parseTermsOnPage(raw);
          if (!cancelled) setTabTerms(terms ? { state: 'ready', ...terms } : { state: 'unavailable' });
        },
        () => !cancelled && setTabTerms({ state: 'unavailable' }),
      );
    void refresh();
    const timer = setInterval(() => {
      setNow(Date.now());
      void refresh();
    }, TERMS_REFRESH_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [tab]);

  if (!settings) return null;
  const host = tabTerms.state === 'ready' ? tabTerms.host : siteOfUrl(tab?.url ?? undefined);
  return (
    <PopupForm
      settings={settings}
      host={host}
      tabTerms={tabTerms}
      now={now}
      saveError={saveError}
      onChange={(patch) => {
        change(patch);
        if (patch.pausedUntil !== undefined) setNow(Date.now());
      }}
      onShowTerm={(entryId) => {
        if (!tab) return;
        // A real popup closes so the reader sees the term it scrolled to; one opened in a tab of
        // its own (`?tab=`) stays.
        const inOwnTab = new URLSearchParams(location.search).has('tab');
        void askTab(tab.id, { type: REVEAL_TERM, entryId })
          .catch(() => {})
          .then(() => !inOwnTab && window.close());
      }}
      onOpenOptions={() => {
        void browser.runtime.openOptionsPage();
        window.close();
      }}
    />
  );
}
