/**
 * Small controls shared by the popup and the options page, all pure (props in, callbacks out) and
 * labelled for screen readers. UI text comes from locales/ through @wxt-dev/i18n.
 */
import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';
import { i18n } from '#i18n';
import type { MarkTerms, Settings } from '../lib/settings';
import { activityOn, formatDuration, pauseRemainingMs } from '../lib/site';

/** A labelled on/off switch (a checkbox with role="switch"; Space toggles it). */
export function Switch(props: { label: ComponentChildren; hint?: ComponentChildren; checked: boolean; disabled?: boolean; onChange: (checked: boolean) => void }) {
  const hintId = useId();
  return (
    <label class={`switch-row${props.disabled ? ' is-disabled' : ''}`}>
      <span class="switch-text">
        <span class="switch-label">{props.label}</span>
        {props.hint !== undefined && (
          <span class="switch-hint" id={hintId}>
            {props.hint}
          </span>
        )}
      </span>
      <input
        type="checkbox"
        role="switch"
        class="switch"
        checked={props.checked}
        disabled={props.disabled}
        aria-describedby={props.hint !== undefined ? hintId : undefined}
        onChange={(event) => props.onChange(event.currentTarget.checked)}
      />
    </label>
  );
}

/** A remaining time in words: "1 h 5 min", "59 min", "45 s". */
export function durationText(ms: number): string {
  const { hours, minutes, seconds } = formatDuration(ms);
  if (hours > 0) return minutes > 0 ? i18n.t('duration.hoursMinutes', { hours, minutes }) : i18n.t('duration.hours', { hours });
  if (minutes > 0) return i18n.t('duration.minutes', { minutes });
  return i18n.t('duration.seconds', { seconds });
}

/** One sentence on whether the extension is working on `host` now, and if not, why. */
export function statusText(settings: Settings, host: string | undefined, now: number): string {
  switch (activityOn(settings, host, now)) {
    case 'off-everywhere':
      return i18n.t('status.offEverywhere');
    case 'off-on-site':
      return i18n.t('status.offOnSite', { site: host ?? '' });
    case 'paused':
      return i18n.t('status.paused', { time: durationText(pauseRemainingMs(settings.pausedUntil, now)) });
    case 'on':
      if (settings.trigger === 'click') return i18n.t('status.onClick');
      if (settings.trigger === 'modifier') return i18n.t('status.onModifier', { key: modifierKeyName(settings) });
      return i18n.t('status.on');
  }
}

function modifierKeyName(settings: Settings): string {
  return i18n.t(`modifierKey.${settings.modifierKey}`);
}

/** The label of a "Which terms to mark" choice. */
export function markTermsText(value: MarkTerms): string {
  if (value === 'all') return i18n.t('markTerms.all');
  if (value === 'specialist') return i18n.t('markTerms.specialist');
  return i18n.t('markTerms.notEveryday');
}

export const PAUSE_MS = 60 * 60 * 1000;

/** The start of the next day in the reader's time zone: "until tomorrow". */
export function startOfTomorrow(now: number): number {
  const date = new Date(now);
  date.setHours(24, 0, 0, 0);
  return date.getTime();
}

/**
 * "Pause for 1 hour", with "until tomorrow" and "until I turn it back on" where there is room
 * (`full`); the time left and "Resume now" while paused. "Until I turn it back on" is the master
 * switch: it stays off until the reader turns it on.
 */
export function PauseControl({ settings, now, onChange, full = false }: { settings: Settings; now: number; onChange: (patch: Partial<Settings>) => void; full?: boolean }) {
  const remaining = pauseRemainingMs(settings.pausedUntil, now);
  if (remaining > 0) {
    return (
      <div class="pause-row">
        <span class="pause-text">{i18n.t('popup.pausedRemaining', { time: durationText(remaining) })}</span>
        <button type="button" class="button" onClick={() => onChange({ pausedUntil: 0 })}>
          {i18n.t('popup.resume')}
        </button>
      </div>
    );
  }
  return (
    <div class="pause-row" role={full ? 'group' : undefined} aria-label={full ? i18n.t('popup.pauseLabel') : undefined}>
      <button type="button" class="button" disabled={!settings.enabled} onClick={() => onChange({ pausedUntil: now + PAUSE_MS })}>
        {i18n.t('popup.pauseHour')}
      </button>
      {full && (
        <>
          <button type="button" class="button" disabled={!settings.enabled} onClick={() => onChange({ pausedUntil: startOfTomorrow(now) })}>
            {i18n.t('popup.pauseTomorrow')}
          </button>
          <button type="button" class="button" disabled={!settings.enabled} onClick={() => onChange({ enabled: false })}>
            {i18n.t('popup.pauseUntilOn')}
          </button>
        </>
      )}
    </div>
  );
}

/** A labelled <select> over a fixed list of values. */
export function Select<T extends string>(props: { label: string; value: T; values: readonly T[]; text: (value: T) => string; onChange: (value: T) => void; disabled?: boolean }) {
  const id = useId();
  return (
    <div class="field">
      <label class="field-label" for={id}>
        {props.label}
      </label>
      <select
        id={id}
        class="select"
        value={props.value}
        disabled={props.disabled}
        onChange={(event) => props.onChange(event.currentTarget.value as T)}
      >
        {props.values.map((value) => (
          <option key={value} value={value}>
            {props.text(value)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A fieldset of radio buttons over a fixed list of values. */
export function RadioGroup<T extends string>(props: { legend: string; name: string; value: T; values: readonly T[]; text: (value: T) => string; onChange: (value: T) => void }) {
  return (
    <fieldset class="radio-group">
      <legend class="field-label">{props.legend}</legend>
      {props.values.map((value) => (
        <label key={value} class="radio-row">
          <input type="radio" name={props.name} value={value} checked={props.value === value} onChange={() => props.onChange(value)} />
          <span>{props.text(value)}</span>
        </label>
      ))}
    </fieldset>
  );
}
