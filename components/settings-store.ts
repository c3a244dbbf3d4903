/**
 * The settings as an extension page shows them: what storage holds, changed at once when the
 * reader changes a control, and put back when storage refuses the write (a full site list, the
 * sync quota, too many writes a minute), with a sentence saying so. A control must never show a
 * setting that is not stored: the pages would go on doing the other thing.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { i18n } from '#i18n';
import { loadSettings, SettingsWriteError, updateSettings, watchSettings, type Settings } from '../lib/settings';

export interface SettingsStore {
  settings: Settings | undefined;
  /** Why the last change could not be saved; undefined once a change is saved. */
  saveError: string | undefined;
  change: (patch: Partial<Settings>) => void;
}

/** The stored-settings functions, passed in by tests. */
export interface SettingsBackend {
  load: () => Promise<Settings>;
  update: (patch: Partial<Settings>) => Promise<Settings>;
  watch: (onChange: (settings: Settings) => void) => () => void;
}

const storageBackend: SettingsBackend = { load: loadSettings, update: updateSettings, watch: watchSettings };

export function saveErrorText(error: unknown): string {
  return error instanceof SettingsWriteError && error.reason === 'sites-full' ? i18n.t('settingsError.sitesFull') : i18n.t('settingsError.notSaved');
}

export function useSettingsStore(options: { initial?: Settings; onSettings?: (settings: Settings) => void; backend?: SettingsBackend } = {}): SettingsStore {
  const backend = options.backend ?? storageBackend;
  const [settings, setSettingsState] = useState<Settings | undefined>(options.initial);
  const [saveError, setSaveError] = useState<string | undefined>();
  const onSettings = useRef(options.onSettings);
  onSettings.current = options.onSettings;
  const show = (next: Settings) => {
    onSettings.current?.(next);
    setSettingsState(next);
  };
  // The latest change's number: an older write's answer must not undo a newer change.
  const writes = useRef(0);

  useEffect(() => {
    void backend.load().then(show);
    return backend.watch(show);
  }, []);

  const change = (patch: Partial<Settings>) => {
    if (!settings) return;
    const write = ++writes.current;
    show({ ...settings, ...patch });
    backend.update(patch).then(
      () => write === writes.current && setSaveError(undefined),
      (error: unknown) => {
        if (write !== writes.current) return;
        setSaveError(saveErrorText(error));
        // Back to what is stored, whatever part of the change did or did not get there.
        void backend.load().then((stored) => write === writes.current && show(stored));
      },
    );
  };

  return { settings, saveError, change };
}
