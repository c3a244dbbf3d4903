declare module 'virtual:health-glossary/page' {
  import type { PageGlossary } from '../lib/compiled/compiled';
  const glossary: PageGlossary;
  export default glossary;
}

declare module 'virtual:health-glossary/texts' {
  import type { GlossaryTexts } from '../lib/compiled/compiled';
  const texts: GlossaryTexts;
  export default texts;
}
