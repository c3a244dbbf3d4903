/**
 * The options page's settings and About sections. OptionsForm is pure (props in, callbacks out);
 * OptionsContainer connects it to the settings store. The glossary browser sits between them on
 * the page (entrypoints/options/main.tsx).
 */
import { useEffect, useId, useState } from 'preact/hooks';
import { i18n } from '#i18n';
import { CATEGORIES } from '../lib/compiled/categories';
import {
  DEFAULT_SETTINGS,
  HOVER_DELAY_MAX_MS,
  HOVER_DELAY_MIN_MS,
  MARK_STYLES,
  MARK_TERMS,
  MODIFIER_KEYS,
  TEXT_SIZES,
  THEMES,
  TRIGGERS,
  type Settings,
} from '../lib/settings';
import { normalizeHostname, withSite } from '../lib/site';
import { categoryLabel } from './GlossaryBrowser';
import { Shortcuts, type ShortcutInfo } from './Shortcuts';
import { markTermsText, PauseControl, RadioGroup, Select, statusText, Switch } from './SettingsControls';
import { useSettingsStore } from './settings-store';

export interface OptionsFormProps {
  settings: Settings;
  now: number;
  /** Why the last change was not saved (the controls show the stored settings again). */
  saveError?: string | undefined;
  onChange: (patch: Partial<Settings>) => void;
}

export function OptionsForm({ settings, now, saveError, onChange }: OptionsFormProps) {
  return (
    <section class="settings" aria-labelledby="settings-heading">
      <h2 id="settings-heading">{i18n.t('options.title')}</h2>
      <p class="settings-intro">{i18n.t('options.intro')}</p>

      <div class="settings-card">
        <h3>{i18n.t('options.whereHeading')}</h3>
        <Switch
          label={i18n.t('popup.everywhere')}
          hint={statusText(settings, undefined, now)}
          checked={settings.enabled}
          onChange={(enabled) => onChange({ enabled })}
        />
        <PauseControl settings={settings} now={now} onChange={onChange} full />
        <SiteList sites={settings.disabledSites} onChange={(disabledSites) => onChange({ disabledSites })} />
        {saveError && (
          <p class="save-error" role="alert">
            {saveError}
          </p>
        )}
      </div>

      <div class="settings-card">
        <h3>{i18n.t('options.marksHeading')}</h3>
        <div class="settings-columns">
          <RadioGroup
            legend={i18n.t('popup.markStyleLabel')}
            name="markStyle"
            value={settings.markStyle}
            values={MARK_STYLES}
            text={(style) => i18n.t(`markStyle.${style}`)}
            onChange={(markStyle) => onChange({ markStyle })}
          />
          <RadioGroup
            legend={i18n.t('popup.densityLabel')}
            name="density"
            value={settings.firstOnly ? 'first' : 'every'}
            values={['every', 'first'] as const}
            text={(density) => i18n.t(`density.${density}`)}
            onChange={(density) => onChange({ firstOnly: density === 'first' })}
          />
          <RadioGroup
            legend={i18n.t('popup.markTermsLabel')}
            name="markTerms"
            value={settings.markTerms}
            values={MARK_TERMS}
            text={markTermsText}
            onChange={(markTerms) => onChange({ markTerms })}
          />
        </div>
        <fieldset class="radio-group">
          <legend class="field-label">{i18n.t('options.categoriesHeading')}</legend>
          <div class="category-grid">
            {CATEGORIES.map((category) => (
              <label key={category} class="check-row">
                <input
                  type="checkbox"
                  checked={settings.categories[category]}
                  onChange={(event) => onChange({ categories: { ...settings.categories, [category]: event.currentTarget.checked } })}
                />
                <span>{categoryLabel(category, 2)}</span>
              </label>
            ))}
          </div>
        </fieldset>
      </div>

      <div class="settings-card">
        <h3>{i18n.t('options.openingHeading')}</h3>
        <RadioGroup
          legend={i18n.t('options.triggerLabel')}
          name="trigger"
          value={settings.trigger}
          values={TRIGGERS}
          text={(trigger) => i18n.t(`trigger.${trigger}`)}
          onChange={(trigger) => onChange({ trigger })}
        />
        <div class="settings-columns">
          <Select
            label={i18n.t('options.modifierKeyLabel')}
            value={settings.modifierKey}
            values={MODIFIER_KEYS}
            text={(key) => i18n.t(`modifierKey.${key}`)}
            disabled={settings.trigger !== 'modifier'}
            onChange={(modifierKey) => onChange({ modifierKey })}
          />
          <DelayField value={settings.hoverDelayMs} disabled={settings.trigger === 'click'} onChange={(hoverDelayMs) => onChange({ hoverDelayMs })} />
        </div>
      </div>

      <div class="settings-card">
        <h3>{i18n.t('options.popoverHeading')}</h3>
        <div class="settings-columns">
          <RadioGroup
            legend={i18n.t('options.themeLabel')}
            name="theme"
            value={settings.theme}
            values={THEMES}
            text={(theme) => i18n.t(`theme.${theme}`)}
            onChange={(theme) => onChange({ theme })}
          />
          <RadioGroup
            legend={i18n.t('options.textSizeLabel')}
            name="textSize"
            value={settings.textSize}
            values={TEXT_SIZES}
            text={(size) => i18n.t(`textSize.${size}`)}
            onChange={(textSize) => onChange({ textSize })}
          />
        </div>
      </div>

      <div class="settings-card">
        <h3>{i18n.t('options.toolbarHeading')}</h3>
        <Switch label={i18n.t('options.showBadge')} checked={settings.showBadge} onChange={(showBadge) => onChange({ showBadge })} />
      </div>

      <p>
        <button
          type="button"
          class="button"
          // The site list and a running pause are the reader's data, not preferences: they stay.
          onClick={() => onChange({ ...DEFAULT_SETTINGS, disabledSites: settings.disabledSites, pausedUntil: settings.pausedUntil })}
        >
          {i18n.t('options.reset')}
        </button>
      </p>
    </section>
  );
}

function DelayField({ value: stored, disabled, onChange }: { value: number; disabled: boolean; onChange: (ms: number) => void }) {
  const id = useId();
  const hintId = useId();
  // Dragging shows each value; only the release is stored (sync storage limits writes per minute).
  const [dragged, setDragged] = useState<number | undefined>();
  const value = dragged ?? stored;
  return (
    <div class="field">
      <label class="field-label" for={id}>
        {i18n.t('options.delayLabel')}: <output for={id}>{i18n.t('options.delayValue', { ms: value })}</output>
      </label>
      <input
        id={id}
        type="range"
        min={HOVER_DELAY_MIN_MS}
        max={HOVER_DELAY_MAX_MS}
        step={50}
        value={value}
        disabled={disabled}
        aria-describedby={hintId}
        aria-valuetext={i18n.t('options.delayValue', { ms: value })}
        onInput={(event) => setDragged(Number(event.currentTarget.value))}
        onChange={(event) => {
          setDragged(undefined);
          onChange(Number(event.currentTarget.value));
        }}
      />
      <span class="switch-hint" id={hintId}>
        {i18n.t('options.delayHint')}
      </span>
    </div>
  );
}

/** The sites where the extension is off: remove one, or type a site to add. */
export function SiteList({ sites, onChange }: { sites: readonly string[]; onChange: (sites: string[]) => void }) {
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | undefined>();
  const inputId = useId();
  const errorId = useId();
  const add = (event: Event) => {
    event.preventDefault();
    if (normalizeHostname(draft) === undefined) {
      setError(i18n.t('options.siteInvalid', { input: draft.trim() }));
      return;
    }
    setError(undefined);
    setDraft('');
    onChange(withSite(sites, draft));
  };
  return (
    <div class="site-list">
      <h4 id="sites-heading">{i18n.t('options.sitesHeading')}</h4>
      <p class="switch-hint">{i18n.t('options.sitesHint')}</p>
      {sites.length === 0 ? (
        <p class="empty">{i18n.t('options.sitesEmpty')}</p>
      ) : (
        <ul aria-labelledby="sites-heading">
          {sites.map((site) => (
            <li key={site}>
              <span class="site-name">{site}</span>
              <button
                type="button"
                class="button"
                aria-label={i18n.t('options.siteRemove', { site })}
                onClick={() => onChange(sites.filter((s) => s !== site))}
              >
                {i18n.t('options.siteRemoveShort')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form class="site-add" onSubmit={add} noValidate>
        <label class="field-label" for={inputId}>
          {i18n.t('options.siteAddLabel')}
        </label>
        <div class="site-add-row">
          <input
            id={inputId}
            type="text"
            inputMode="url"
            autocomplete="off"
            spellcheck={false}
            placeholder={i18n.t('options.siteAddPlaceholder')}
            value={draft}
            aria-invalid={error !== undefined}
            aria-describedby={error !== undefined ? errorId : undefined}
            onInput={(event) => setDraft(event.currentTarget.value)}
          />
          <button type="submit" class="button primary">
            {i18n.t('options.siteAdd')}
          </button>
        </div>
        {error !== undefined && (
          <p class="error" id={errorId} role="alert">
            {error}
          </p>
        )}
      </form>
    </div>
  );
}

/** Glossary size, review policy and the privacy promise. */
export function AboutSection({ entryCount, version, policy }: { entryCount: number; version?: string; policy?: string }) {
  return (
    <section class="about" aria-labelledby="about-heading">
      <h2 id="about-heading">{i18n.t('options.aboutHeading')}</h2>
      {version !== undefined && <p>{i18n.t('options.aboutVersion', { version })}</p>}
      <p>{i18n.t('options.aboutSize', entryCount)}</p>
      <p>{i18n.t('options.aboutReview')}</p>
      <p>{i18n.t('options.aboutPrivacy')}</p>
      <p>{i18n.t('options.aboutPageSees')}</p>
      <p>{i18n.t('options.aboutNotAdvice')}</p>
      {policy !== undefined && (
        <details class="privacy-policy">
          <summary>{i18n.t('options.aboutPolicyHeading')}</summary>
          {/* PRIVACY.md, the store listings' policy, in the language it is written in. */}
          <div lang="en">
            {policy.split(/\n{2,}/).map((block) => <MarkdownBlock block={block} />)}
          </div>
        </details>
      )}
    </section>
  );
}

/** One block of PRIVACY.md (headings, paragraphs and "- " lists are all it uses). */
function MarkdownBlock({ block }: { block: string }) {
  const text = (line: string) => line.replace(/\*\*|`/g, '').replace(/\[([^\]]+)\]\([^)]*\)/g, '$1');
  if (block.startsWith('#')) return <h3>{text(block.replace(/^#+\s*/, ''))}</h3>;
  if (block.startsWith('- ')) {
    return (
      <ul>
        {block.split(/\n(?=- )/).map((item) => (
          <li>{text(item.replace(/^- /, '').replace(/\n\s*/g, ' '))}</li>
        ))}
      </ul>
    );
  }
  return <p>{text(block.replace(/\n/g, ' '))}</p>;
}

/** The keyboard shortcuts on the options page. */
export function ShortcutsSection({ commands }: { commands: readonly ShortcutInfo[] | undefined }) {
  return (
    <section class="about" aria-labelledby="shortcuts-heading">
      <h2 id="shortcuts-heading">{i18n.t('options.shortcutsHeading')}</h2>
      <Shortcuts commands={commands} />
    </section>
  );
}

/** Ticks while a pause runs, so the remaining time stays true. */
const NOW_TICK_MS = 1000;

export function OptionsContainer() {
  const { settings, saveError, change } = useSettingsStore();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), NOW_TICK_MS);
    return () => clearInterval(timer);
  }, []);
  if (!settings) return null;
  return (
    <OptionsForm
      settings={settings}
      now={now}
      saveError={saveError}
      onChange={(patch) => {
        change(patch);
        if (patch.pausedUntil !== undefined) setNow(Date.now());
      }}
    />
  );
}
