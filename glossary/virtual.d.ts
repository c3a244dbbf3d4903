declare module 'virtual:health-glossary' {
  import type { CompiledGlossary } from '../lib/compiled/compiled';
  const glossary: CompiledGlossary;
  export default glossary;
}
