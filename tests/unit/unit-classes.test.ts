/**
 * The generated table of unit classes must say what the Unicode-property definition says, for
 * every UTF-16 unit. If this fails after a Node upgrade (newer Unicode), run
 * `npm run generate:unit-classes` and commit the table.
 */
import { describe, expect, it } from 'vitest';
import { FoldBuffer, foldText } from '../../lib/matcher/fold';
import { classOfByProperties, ignorableRuns, unitClassRuns } from '../../lib/matcher/unit-class-definition';
import { IGNORABLE_RUNS, UNIT_CLASS_RUNS } from '../../lib/matcher/unit-classes.generated';

describe('unit classes', () => {
  it('the generated table matches the property definition', () => {
    expect(UNIT_CLASS_RUNS).toEqual(unitClassRuns());
    expect(IGNORABLE_RUNS).toEqual(ignorableRuns());
  });

  it('folding drops marks and ignorables, in the BMP and beyond', () => {
    const out = new FoldBuffer();
    foldText('Sjo\u0308gren alo\u00adpecia a\u{1D167}b \u{E0100}x', out);
    expect(String.fromCharCode(...out.folded.subarray(0, out.length))).toBe('sjogren alopecia ab x');
  });

  it('folding classifies letters of each script as the definition does', () => {
    const out = new FoldBuffer();
    const wrong: string[] = [];
    for (const sample of ['a', 'Z', 'é', 'α', 'ж', 'ب', 'ש', '漢', 'か', 'ก', 'ա', '7', '_', '-', '!', '\u0660']) {
      foldText(sample, out);
      for (let i = 0; i < out.length; i++) {
        const unit = String.fromCharCode(out.folded[i]!);
        if (out.classes[i] !== classOfByProperties(unit) && unit !== ' ') wrong.push(`${sample}: ${out.classes[i]} vs ${classOfByProperties(unit)}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
