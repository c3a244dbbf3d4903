/**
 * The definition of a folded unit's class (see UnitClass in fold.ts) by Unicode properties. Not
 * used at run time: compiling these property expressions costs milliseconds on every page load, so
 * `npm run generate:unit-classes` turns them into the range table in unit-classes.generated.ts,
 * and a unit test checks that table against this definition.
 */
import { UnitClass } from './fold';

export function classOfByProperties(unit: string): number {
  if (/[\p{N}\p{Pc}]/u.test(unit)) return UnitClass.Digit;
  if (!/\p{L}/u.test(unit)) return UnitClass.Boundary;
  if (/\p{Script=Latin}/u.test(unit)) return UnitClass.Latin;
  if (/\p{Script=Greek}/u.test(unit)) return UnitClass.Greek;
  if (/\p{Script=Cyrillic}/u.test(unit)) return UnitClass.Cyrillic;
  if (/\p{Script=Arabic}/u.test(unit)) return UnitClass.Arabic;
  if (/\p{Script=Hebrew}/u.test(unit)) return UnitClass.Hebrew;
  if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tibetan}\u30fc]/u.test(unit)) {
    return UnitClass.Unspaced;
  }
  return UnitClass.OtherLetter;
}

/** Every UTF-16 unit's class as runs: [first unit of a run, its class, first unit of the next run, ...]. */
export function unitClassRuns(): number[] {
  const runs: number[] = [];
  let previous = -1;
  for (let unit = 0; unit <= 0xffff; unit++) {
    const cls = classOfByProperties(String.fromCharCode(unit));
    if (cls !== previous) {
      runs.push(unit, cls);
      previous = cls;
    }
  }
  return runs;
}
