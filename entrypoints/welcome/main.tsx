import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
// The welcome page's sample card shows entries' texts; it matches no text.
import glossary from 'virtual:health-glossary/texts';
import { i18n } from '#i18n';
import type { ShortcutInfo } from '../../components/Shortcuts';
import { WelcomePage } from '../../components/WelcomeApp';
import { readShortcuts } from '../options/shortcuts';
import popoverCss from '../../components/popover.css?inline';
import '../../components/settings-controls.css';
import '../../components/welcome.css';

document.title = i18n.t('welcome.pageTitle');
document.documentElement.lang = i18n.t('locale.code');

function Welcome() {
  const [commands, setCommands] = useState<ShortcutInfo[] | undefined>();
  useEffect(() => {
    void readShortcuts().then(setCommands);
  }, []);
  return (
    <WelcomePage
      entries={glossary.entries}
      commands={commands}
      popoverCss={popoverCss}
      onOpenSettings={() => void browser.runtime.openOptionsPage()}
    />
  );
}

render(<Welcome />, document.getElementById('app')!);
