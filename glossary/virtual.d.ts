declare module 'virtual:health-glossary' {
  import type { CompiledGlossary } from './compiled';
  const glossary: CompiledGlossary;
  export default glossary;
}
