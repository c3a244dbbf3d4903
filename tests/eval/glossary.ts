/**
 * The real glossary for the eval. It is built with buildGlossary(); while entries are being
 * written the build may reject the folder (a dangling `related` id, say), and then the eval still
 * runs on every entry that parsed, after saying so loudly, because matching quality does not
 * depend on those problems.
 */
import { join } from 'node:path';
import { GlossaryBuildError, buildGlossary, compileGlossary, formatProblem, loadGlossary } from '../../glossary/compile';
import type { CompiledGlossary } from '../../lib/compiled/compiled';

export const GLOSSARY_DIR = join(import.meta.dirname, '..', '..', 'glossary');

export interface EvalGlossary {
  glossary: CompiledGlossary;
  entryIds: Set<string>;
  /** Build problems that made the strict build fail; empty when buildGlossary succeeded. */
  problems: string[];
}

export function loadEvalGlossary(): EvalGlossary {
  try {
    const glossary = buildGlossary({ dir: GLOSSARY_DIR });
    return { glossary, entryIds: new Set(Object.keys(glossary.entries)), problems: [] };
  } catch (error) {
    if (!(error instanceof GlossaryBuildError)) throw error;
    const glossary = compileGlossary(loadGlossary({ dir: GLOSSARY_DIR }));
    return { glossary, entryIds: new Set(Object.keys(glossary.entries)), problems: error.problems.map(formatProblem) };
  }
}
