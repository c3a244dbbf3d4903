/**
 * The glossary's categories, in their own module: the content script and the popup need the list
 * but not the entry schema (glossary/schema.ts), whose validators would otherwise be built on every
 * page load.
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

/**
 * The areas of health an entry belongs to, as a consumer health encyclopedia groups its topics.
 * A category says what kind of thing a term is; an area says where in the body or in care a reader
 * meets it. The report counts entries per area so gaps in coverage show.
 */
export const AREAS = [
  'heart', // heart and blood vessels
  'blood', // blood and its disorders
  'diabetes-hormones', // diabetes, hormones and metabolism
  'cancer', // common types, staging, treatments
  'infections', // germs, antibiotics and resistance, vaccines
  'mental-health', // mental health and substance use
  'pregnancy-children', // pregnancy, birth, babies and children
  'lungs-allergy', // lungs, breathing and allergy
  'digestion-liver', // digestion and liver
  'kidneys-urinary', // kidneys and urinary tract
  'bones-joints-muscles',
  'brain-nerves', // stroke, migraine, epilepsy, dementia, MS, Parkinson's
  'skin-hair',
  'eyes-ears-mouth', // eyes, ears, nose, throat, mouth and teeth
  'sexual-reproductive',
  'nutrition-weight',
  'older-age',
  'injuries-first-aid',
  'medicines', // medicines by generic and brand name, drug classes, over-the-counter medicines
  'tests-procedures', // blood tests and measures, imaging, biopsy, screening, surgery words
  'general-care', // the general vocabulary of care: chronic, benign, prognosis, side effect, dose
  'research-public-health', // evidence, regulation and public-health words
] as const;
export type Area = (typeof AREAS)[number];

/**
 * How well a lay reader already knows a term, so readers can choose to see fewer marks:
 * `everyday` words most adults use without help (fever, allergy), `common` ones they meet often but
 * may not be able to explain (cholesterol, biopsy), `specialist` ones they rarely meet outside
 * care (anagen effluvium, JAK inhibitor).
 */
export const FAMILIARITY = ['everyday', 'common', 'specialist'] as const;
export type Familiarity = (typeof FAMILIARITY)[number];
