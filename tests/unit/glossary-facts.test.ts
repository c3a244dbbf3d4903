/**
 * Facts a review found wrong or missing, held by tests so they cannot come back: every boxed
 * warning a medicine's U.S. label carries is named, the entries where waiting could harm a reader
 * say when to get help, and the corrected hair-loss facts stay corrected.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGlossary } from '../../glossary/compile';
import type { Entry } from '../../glossary/schema';

const root = join(import.meta.dirname, '..', '..');
const { entries } = loadGlossary({ dir: join(root, 'glossary'), root });
const byId = new Map(entries.map((e) => [e.id, e]));
const get = (id: string): Entry => {
  const entry = byId.get(id);
  if (!entry) throw new Error(`the glossary has no entry "${id}"`);
  return entry;
};
const text = (e: Entry) => `${e.short} ${e.long} ${e.getHelp ?? ''}`;
const warnings = (e: Entry) => (e.medicine?.boxedWarnings ?? []).map((w) => `${w.name}: ${w.plain}`).join(' | ');

/** Medicines whose current U.S. label carries a boxed warning, and what it must speak of. */
const BOXED: Record<string, RegExp> = {
  'low-dose-oral-minoxidil': /pericardi|fluid around the heart|angina/i,
  baricitinib: /infection/i,
  tofacitinib: /infection/i,
  upadacitinib: /infection/i,
  abrocitinib: /infection/i,
  ritlecitinib: /infection/i,
  deuruxolitinib: /infection/i,
  'ruxolitinib-cream': /infection/i,
  cyclosporine: /infection|cancer|kidney/i,
  methotrexate: /./,
  warfarin: /bleed/i,
  sertraline: /suicid/i,
  escitalopram: /suicid/i,
  fluoxetine: /suicid/i,
  citalopram: /suicid/i,
  bupropion: /suicid/i,
  duloxetine: /suicid/i,
  venlafaxine: /suicid/i,
  metformin: /lactic acidosis/i,
  semaglutide: /thyroid/i,
  liraglutide: /thyroid/i,
  tirzepatide: /thyroid/i,
  lisinopril: /pregnan|fetal|unborn/i,
  losartan: /pregnan|fetal|unborn/i,
  valsartan: /pregnan|fetal|unborn/i,
  apixaban: /stop|spinal|epidural/i,
  rivaroxaban: /stop|spinal|epidural/i,
  clopidogrel: /CYP2C19|poor metaboli|break down/i,
  levothyroxine: /weight|obesity/i,
  pioglitazone: /heart failure/i,
};

/** Medicines whose label has no boxed warning: "none" must be a checked fact, not a missing field. */
const NO_BOXED = ['atorvastatin', 'simvastatin', 'rosuvastatin', 'pravastatin', 'amlodipine', 'minoxidil', 'finasteride'];

/** Where waiting could harm a reader, the entry says when to get help. */
const GET_HELP = [
  'heart-attack', 'cardiac-arrest', 'chest-pain', 'anaphylaxis', 'suicidal-thoughts', 'sepsis', 'meningitis',
  'overdose', 'diabetic-ketoacidosis', 'hypoglycemia', 'alopecia-areata',
  'jak-inhibitor', 'baricitinib', 'ritlecitinib', 'deuruxolitinib', 'upadacitinib', 'tofacitinib',
];

describe('medicines name every boxed warning on their label', () => {
  it.each(Object.entries(BOXED))('%s', (id, about) => {
    const entry = get(id);
    expect(entry.medicine, `${id} needs a medicine block`).toBeDefined();
    expect(entry.medicine!.boxedWarnings.length).toBeGreaterThan(0);
    expect(warnings(entry)).toMatch(about);
  });

  it.each(NO_BOXED)('%s says it has none', (id) => {
    expect(get(id).medicine?.boxedWarnings).toEqual([]);
  });

  it('every single medicine says whether it needs a prescription, with its approval dated', () => {
    for (const entry of entries.filter((e) => e.medicine)) expect(entry.medicine!.approval, entry.id).toMatch(/\b(19|20)\d\d\b/);
  });
});

describe('entries where waiting could harm say when to get help', () => {
  it.each(GET_HELP)('%s', (id) => {
    expect(get(id).getHelp).toMatch(/\S/);
  });

  it('the emergency lines name what to do', () => {
    expect(get('heart-attack').getHelp).toMatch(/911|emergency/i);
    expect(get('anaphylaxis').getHelp).toMatch(/epinephrine|911|emergency/i);
    expect(get('suicidal-thoughts').getHelp).toMatch(/988/);
    expect(get('alopecia-areata').getHelp).toMatch(/doctor|dermatologist/i);
  });
});

describe('the hair-loss facts a review corrected', () => {
  it('oral minoxidil: boxed warning, off-label for hair loss, heart checks first', () => {
    const e = get('low-dose-oral-minoxidil');
    expect(text(e)).toMatch(/off-label/i);
    expect(text(e)).toMatch(/heart/i);
    expect(e.sources.every((s) => !/search/i.test(s.url))).toBe(true);
  });

  it('JAK inhibitors: a TB test comes first', () => {
    for (const id of ['jak-inhibitor', 'baricitinib', 'ritlecitinib', 'deuruxolitinib']) expect(text(get(id)), id).toMatch(/\bTB\b|tuberculosis/i);
  });

  it('deuruxolitinib names the CYP2C9 genotype test', () => {
    expect(text(get('deuruxolitinib'))).toMatch(/CYP2C9/);
  });

  it('female-pattern hair loss says oral minoxidil is off-label', () => {
    expect(text(get('female-pattern-hair-loss'))).toMatch(/off-label/i);
  });

  it('steroid shot aliases need hair or scalp cues', () => {
    const shots = entries.flatMap((e) => e.aliases.map((a) => ({ id: e.id, alias: a }))).filter(({ alias }) => typeof alias !== 'string' && /^(cortisone|steroid) shots?$/i.test(alias.text));
    for (const { id, alias } of shots) {
      const cues = typeof alias === 'string' ? [] : (alias.context?.cues ?? []);
      expect(cues.some((cue) => /hair|scalp|bald|alopecia/i.test(cue)), `${id}: ${JSON.stringify(alias)}`).toBe(true);
    }
    const plain = entries.flatMap((e) => e.aliases).filter((a) => typeof a === 'string' && /^(cortisone|steroid) shots?$/i.test(a));
    expect(plain).toEqual([]);
  });

  it('codes: alopecia is not L65.9, iron deficiency without anaemia is E61.1', () => {
    expect(get('alopecia').codes?.icd10 ?? []).not.toContain('L65.9');
    expect(get('iron-deficiency').codes?.icd10 ?? []).not.toContain('D50.9');
  });

  it('anthralin is not called a tar; minoxidil takes 2 to 4 months', () => {
    expect(text(get('anthralin'))).not.toMatch(/\ba (coal )?tar\b/i);
    expect(text(get('minoxidil'))).toMatch(/(2|two)\s*(to|–|-)\s*(4|four) months/i);
  });

  it('2 % of people is the lifetime risk of alopecia areata, not its prevalence', () => {
    for (const entry of entries) {
      const t = text(entry);
      if (/alopecia areata/i.test(t) && /\b2 ?(%|percent)/.test(t)) expect(t, entry.id).toMatch(/lifetime|in their lives|at some point/i);
    }
  });
});
