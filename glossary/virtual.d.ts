declare module 'virtual:health-glossary' {
  import type { CompiledGlossary } from '../lib/glossary/compiled';
  const glossary: CompiledGlossary;
  export default glossary;
}
