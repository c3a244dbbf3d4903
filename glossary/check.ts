/**
 * `npm run glossary:check -- [entry files or ids...]`: the build's checks for the entries an editor
 * is working on, without the rest of the glossary's problems in the way. With no arguments every
 * entry is checked. Exits 1 when any named entry has an error.
 */
import { basename, join } from 'node:path';
import { formatProblem, loadGlossary } from './compile';

const root = join(import.meta.dirname, '..');
const wanted = new Set(process.argv.slice(2).map((arg) => basename(arg, '.yaml')));
const loaded = loadGlossary({ dir: join(root, 'glossary'), root });
const mine = (file: string) => wanted.size === 0 || wanted.has(basename(file, '.yaml'));
const errors = loaded.errors.filter((p) => mine(p.file));
for (const problem of errors) console.log(formatProblem(problem));
console.log(`${errors.length} error(s) in ${wanted.size === 0 ? loaded.entries.length : wanted.size} entr${wanted.size === 1 ? 'y' : 'ies'} checked`);
process.exitCode = errors.length > 0 ? 1 : 0;
