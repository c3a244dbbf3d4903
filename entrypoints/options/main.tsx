import { render } from 'preact';
import glossary from 'virtual:health-glossary';
import { i18n } from '#i18n';
import { GlossaryBrowser } from '../../components/GlossaryBrowser';
import { AboutSection, OptionsContainer } from '../../components/OptionsApp';
import '../../components/GlossaryBrowser.css';
import '../../components/settings-controls.css';
import '../../components/options.css';

// Sections stacked in <main>: settings, the glossary browser, then About.
render(
  <>
    <header class="options-header">
      <h1>{i18n.t('app.name')}</h1>
      <p>{i18n.t('app.privacy')}</p>
    </header>
    <main class="options-main">
      <OptionsContainer />
      <GlossaryBrowser glossary={glossary} />
      <AboutSection entryCount={Object.keys(glossary.entries).length} />
    </main>
  </>,
  document.getElementById('app')!,
);
