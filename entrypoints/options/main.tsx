import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
// The texts the glossary browser shows and searches; the options page matches no text, so it
// loads no matcher.
import glossary from 'virtual:health-glossary/texts';
import { i18n } from '#i18n';
import { GlossaryBrowser } from '../../components/GlossaryBrowser';
import { AboutSection, OptionsContainer, ShortcutsSection } from '../../components/OptionsApp';
import type { ShortcutInfo } from '../../components/Shortcuts';
import { readShortcuts } from './shortcuts';
import policy from '../../PRIVACY.md?raw';
import '../../components/GlossaryBrowser.css';
import '../../components/settings-controls.css';
import '../../components/options.css';

document.title = i18n.t('options.pageTitle');
document.documentElement.lang = i18n.t('locale.code');

function OptionsPage() {
  const [commands, setCommands] = useState<ShortcutInfo[] | undefined>();
  useEffect(() => {
    void readShortcuts().then(setCommands);
  }, []);
  // Sections stacked in <main>: settings, shortcuts, the glossary browser, then About.
  return (
    <>
      <header class="options-header">
        <h1>{i18n.t('app.name')}</h1>
        <p>{i18n.t('app.privacy')}</p>
      </header>
      <main class="options-main">
        <OptionsContainer />
        <ShortcutsSection commands={commands} />
        <GlossaryBrowser glossary={glossary} />
        <AboutSection entryCount={Object.keys(glossary.entries).length} version={browser.runtime.getManifest().version} policy={policy} />
      </main>
    </>
  );
}

render(<OptionsPage />, document.getElementById('app')!);
