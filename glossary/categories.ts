/**
 * The glossary's categories, in their own module: the content script and the popup need the list
 * but not the entry schema, whose validators would otherwise be built on every page load.
 */
export const CATEGORIES = [
  'condition', // diseases, disorders and their forms (alopecia areata, psoriasis)
  'sign', // signs, symptoms and measures doctors use (exclamation-mark hairs, SALT score)
  'biology', // how the body works (immune system, T cell, JAK–STAT pathway)
  'treatment', // procedures and treatment approaches (steroid injection, contact immunotherapy)
  'drug', // medicines by generic and brand name, and drug classes (baricitinib, Olumiant)
  'research', // evidence and regulation (clinical trial, placebo, FDA approval, off-label use)
  'profession', // people and specialties (dermatologist, Mohs surgeon)
] as const;
export type Category = (typeof CATEGORIES)[number];
