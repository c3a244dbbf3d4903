/**
 * The keyboard shortcuts as the browser has them now (from commands.getAll(), passed in), with
 * how to change them in Chrome and in Firefox. Shown on the welcome page and the options page.
 */
import { i18n } from '#i18n';

export interface ShortcutInfo {
  /** The command's name in the manifest ("next-term"). */
  name: string;
  /** The key as the browser shows it ("Alt+Shift+Period"), or '' when the reader removed it. */
  shortcut: string;
}

/** What each command does, from the locale (the manifest's descriptions use the same messages). */
export function commandDescription(name: string): string {
  if (name === 'next-term') return i18n.t('commands.nextTerm');
  if (name === 'previous-term') return i18n.t('commands.previousTerm');
  if (name === 'explain-selection') return i18n.t('commands.explainSelection');
  return name;
}

export function Shortcuts({ commands }: { commands: readonly ShortcutInfo[] | undefined }) {
  // Browsers list "_execute_action" (the toolbar button) too; only ours are explained here.
  const ours = (commands ?? []).filter((c) => !c.name.startsWith('_'));
  return (
    <div class="shortcuts">
      <p class="shortcuts-intro">{i18n.t('shortcuts.intro')}</p>
      {commands === undefined ? null : (
        <dl class="shortcuts-list">
          {ours.map((command) => (
            <div key={command.name} class="shortcut">
              <dt>{command.shortcut ? <kbd>{command.shortcut}</kbd> : <span class="shortcut-none">{i18n.t('shortcuts.none')}</span>}</dt>
              <dd>{commandDescription(command.name)}</dd>
            </div>
          ))}
        </dl>
      )}
      <ul class="shortcuts-change">
        <li>{i18n.t('shortcuts.changeChrome')}</li>
        <li>{i18n.t('shortcuts.changeFirefox')}</li>
      </ul>
    </div>
  );
}
