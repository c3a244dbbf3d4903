/**
 * The toolbar popup. Split in two: PopupForm is pure (props in, callbacks out) so it can be
 * rendered and tested anywhere; PopupContainer connects it to the settings store.
 */
import { useEffect, useState } from 'preact/hooks';
import { loadSettings, updateSettings, watchSettings, type Settings } from '../lib/settings';

export interface PopupFormProps {
  settings: Settings;
  onChange: (patch: Partial<Settings>) => void;
}

export function PopupForm({ settings, onChange }: PopupFormProps) {
  return (
    <main class="popup">
      <h1 class="title">Health Glossary</h1>
      <label class="switch-row">
        <span class="switch-text">
          <span class="switch-label">Explain health terms on pages</span>
          <span class="switch-hint">{settings.enabled ? 'On: terms are underlined; rest the pointer on one.' : 'Off on every site.'}</span>
        </span>
        <input
          type="checkbox"
          role="switch"
          class="switch"
          checked={settings.enabled}
          onChange={(event) => onChange({ enabled: event.currentTarget.checked })}
        />
      </label>
      <p class="privacy">Everything happens in your browser. Nothing you read is sent anywhere.</p>
    </main>
  );
}

export function PopupContainer() {
  const [settings, setSettings] = useState<Settings | undefined>();
  useEffect(() => {
    void loadSettings().then(setSettings);
    return watchSettings(setSettings);
  }, []);
  if (!settings) return null;
  return (
    <PopupForm
      settings={settings}
      onChange={(patch) => {
        setSettings({ ...settings, ...patch });
        void updateSettings(patch);
      }}
    />
  );
}
