/**
 * The page that opens when the extension is installed: what it does, a paragraph to try it on
 * (content scripts do not run on extension pages, so the paragraph opens the real card itself),
 * the privacy promise, the shortcuts as the browser has them, and a way to the settings.
 */
import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { i18n } from '#i18n';
import type { CompiledEntry } from '../lib/compiled/compiled';
import { withParts } from './locale';
import { lookupOf, Popover } from './Popover';
import { Shortcuts, type ShortcutInfo } from './Shortcuts';

export interface WelcomeProps {
  entries: Readonly<Record<string, CompiledEntry>>;
  commands: readonly ShortcutInfo[] | undefined;
  onOpenSettings: () => void;
  /** The card's stylesheet (components/popover.css), for the try-it card's shadow root. */
  popoverCss: string;
}

/** The try-it paragraph's terms: placeholder in welcome.tryText → entry id and its words. */
const TRY_TERMS = [
  { part: 'first', entryId: 'alopecia-areata', text: () => i18n.t('welcome.tryFirst') },
  { part: 'second', entryId: 'dermatologist', text: () => i18n.t('welcome.trySecond') },
  { part: 'third', entryId: 'jak-inhibitor', text: () => i18n.t('welcome.tryThird') },
] as const;

const HOVER_DELAY_MS = 400;

export function WelcomePage({ entries, commands, onOpenSettings, popoverCss }: WelcomeProps) {
  const [open, setOpen] = useState<{ entryId: string; anchor: HTMLElement } | undefined>();
  const timer = useRef<number | undefined>(undefined);
  const inCard = useRef(false);
  const schedule = (next: typeof open, delay = HOVER_DELAY_MS) => {
    clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      if (next === undefined && inCard.current) return;
      setOpen(next);
    }, delay);
  };
  const parts = Object.fromEntries(
    TRY_TERMS.map(({ part, entryId, text }) => [
      part,
      entries[entryId] ? (
        <span
          class="try-term"
          tabIndex={0}
          data-entry={entryId}
          onPointerEnter={(e) => schedule({ entryId, anchor: e.currentTarget })}
          onPointerLeave={() => schedule(undefined, 300)}
          onFocus={(e) => setOpen({ entryId, anchor: e.currentTarget })}
          onBlur={() => schedule(undefined, 300)}
          onClick={(e) => setOpen({ entryId, anchor: e.currentTarget })}
        >
          {text()}
        </span>
      ) : (
        text()
      ),
    ]),
  );
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(undefined);
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  return (
    <main class="welcome">
      <header class="welcome-header">
        <img src="/icon/96.png" width="64" height="64" alt="" />
        <h1>{i18n.t('welcome.heading')}</h1>
      </header>
      <p class="lead">{i18n.t('welcome.lead')}</p>

      <section aria-labelledby="try-heading">
        <h2 id="try-heading">{i18n.t('welcome.tryHeading')}</h2>
        <p class="hint">{i18n.t('welcome.tryHint')}</p>
        <p class="try-text">{withParts(i18n.t('welcome.tryText', { first: '{first}', second: '{second}', third: '{third}' }), parts)}</p>
      </section>

      <section aria-labelledby="privacy-heading">
        <h2 id="privacy-heading">{i18n.t('welcome.privacyHeading')}</h2>
        <p>{i18n.t('app.privacy')}</p>
      </section>

      <section aria-labelledby="shortcuts-heading">
        <h2 id="shortcuts-heading">{i18n.t('welcome.shortcutsHeading')}</h2>
        <Shortcuts commands={commands} />
      </section>

      <section aria-labelledby="settings-heading">
        <h2 id="settings-heading">{i18n.t('welcome.settingsLink')}</h2>
        <p>{i18n.t('welcome.settingsHint')}</p>
        <p>
          <button type="button" class="button primary" onClick={onOpenSettings}>
            {i18n.t('welcome.settingsLink')}
          </button>
        </p>
      </section>
      {open && (
        <TryCard
          key={open.entryId}
          entryId={open.entryId}
          anchor={open.anchor}
          entries={entries}
          css={popoverCss}
          onClose={() => setOpen(undefined)}
          onPointerIn={(inside) => {
            inCard.current = inside;
            if (!inside) schedule(undefined, 300);
            else clearTimeout(timer.current);
          }}
        />
      )}
    </main>
  );
}

/** The real card in a shadow root of its own, under the term, as the content script shows it. */
function TryCard(props: {
  entryId: string;
  anchor: HTMLElement;
  entries: WelcomeProps['entries'];
  css: string;
  onClose: () => void;
  onPointerIn: (inside: boolean) => void;
}) {
  const host = useRef<HTMLDivElement>(null);
  const [pinned, setPinned] = useState(false);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const root = el.shadowRoot ?? el.attachShadow({ mode: 'open' });
    const dark = matchMedia('(prefers-color-scheme: dark)').matches;
    const rect = props.anchor.getBoundingClientRect();
    const style = document.createElement('style');
    style.textContent = props.css;
    const layer = document.createElement('div');
    layer.className = `hg-layer hg-theme-${dark ? 'dark' : 'light'} hg-size-medium`;
    root.replaceChildren(style, layer);
    layer.style.transform = `translate(${Math.round(Math.max(8, Math.min(rect.left, innerWidth - 400)))}px, ${Math.round(rect.bottom + 6)}px)`;
    render(
      <Popover
        view={{ kind: 'entry', entryId: props.entryId }}
        entries={lookupOf(props.entries)}
        pinned={pinned}
        onPinnedChange={setPinned}
        onClose={props.onClose}
        onPointerEnter={() => props.onPointerIn(true)}
        onPointerLeave={() => props.onPointerIn(false)}
      />,
      layer,
    );
    return () => render(null, layer);
  }, [props.entryId, pinned]);
  return <div ref={host} class="try-card-host" />;
}
