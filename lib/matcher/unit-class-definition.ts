/**
 * The definition of a folded unit's class (see UnitClass in fold.ts) by Unicode properties. Not
 * used at run time: compiling these property expressions costs milliseconds on every page load, so
 * `npm run generate:unit-classes` turns them into the range table in unit-classes.generated.ts,
 * and a unit test checks that table against this definition.
 */
import { IGNORABLE_CLASS, UnitClass } from './unit-class';

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

const MARK = /^\p{M}$/u;
const IGNORABLE = new RegExp(`^${IGNORABLE_CLASS}$`, 'u');

/** 0: neither, 1: a combining mark, 2: another character folding ignores (IGNORABLE_CLASS). */
export function ignorableKindByProperties(char: string): number {
  if (MARK.test(char)) return 1;
  return IGNORABLE.test(char) ? 2 : 0;
}

/** ignorableKindByProperties for every BMP code point, as runs (surrogates are neither). */
export function ignorableRuns(): number[] {
  return runsOverUnits((unit) => (unit >= 0xd800 && unit <= 0xdfff ? 0 : ignorableKindByProperties(String.fromCharCode(unit))));
}

/** Every UTF-16 unit's class as runs: [first unit of a run, its class, first unit of the next run, ...]. */
export function unitClassRuns(): number[] {
  return runsOverUnits((unit) => classOfByProperties(String.fromCharCode(unit)));
}

/** `valueOf` over every UTF-16 unit, as [first unit of a run, its value, ...], a run per change of value. */
function runsOverUnits(valueOf: (unit: number) => number): number[] {
  const runs: number[] = [];
  let previous = -1;
  for (let unit = 0; unit <= 0xffff; unit++) {
    const value = valueOf(unit);
    if (value !== previous) {
      runs.push(unit, value);
      previous = value;
    }
  }
  return runs;
}
