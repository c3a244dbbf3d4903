import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { migrateStoredSettings, type MigrationArea } from '../../lib/settings';
import { registerBadge } from './badge';
import { registerEntries } from './entries';
import { registerExplain } from './explain';
import { registerNavigation } from './navigation';
import { registerToolbarIcon } from './toolbar-icon';
import { registerWelcome } from './welcome';
import { registerSources } from './sources';

// Each feature of the background registers its own listeners in its own module, imported here,
// so features stay independent and each module can be tested with the fake browser.
export default defineBackground(() => {
  // Once per start of the background, not in every frame of every page.
  void migrateStoredSettings(syncArea()).catch(() => {});
  registerWelcome();
  registerBadge();
  registerEntries();
  registerNavigation();
  registerExplain();
  registerToolbarIcon();
  registerSources();
});

/** storage.sync as the migration uses it, with its changes from storage.onChanged. */
function syncArea(): MigrationArea {
  type Listener = Parameters<MigrationArea['onChanged']['addListener']>[0];
  const wrapped = new Map<Listener, (changes: Record<string, { newValue?: unknown }>, area: string) => void>();
  return {
    get: (keys) => browser.storage.sync.get(keys),
    set: (items) => browser.storage.sync.set(items),
    onChanged: {
      addListener: (listener) => {
        const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => area === 'sync' && listener(changes);
        wrapped.set(listener, onChanged);
        browser.storage.onChanged.addListener(onChanged);
      },
      removeListener: (listener) => {
        const onChanged = wrapped.get(listener);
        if (onChanged) browser.storage.onChanged.removeListener(onChanged);
        wrapped.delete(listener);
      },
    },
  };
}
