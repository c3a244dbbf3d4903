import { render } from 'preact';
import glossary from 'virtual:health-glossary';
import { GlossaryBrowser } from '../../components/GlossaryBrowser';
import '../../components/GlossaryBrowser.css';

// Page skeleton only: sections are stacked in <main>; the settings section goes above the glossary.
render(
  <>
    <header class="options-header">
      <h1>Health Glossary</h1>
      <p>Plain-language explanations of health terms, checked against trusted sources.</p>
    </header>
    <main class="options-main">
      <GlossaryBrowser glossary={glossary} />
    </main>
  </>,
  document.getElementById('app')!,
);
