import { describe, expect, it } from 'vitest';
import { checkShortReadability, median, readingLevel } from './readability';

describe('readingLevel', () => {
  it('counts sentences at terminal punctuation only', () => {
    expect(readingLevel('Hair grows. It rests; then it falls out: a cycle!').sentences).toBe(2);
  });

  it('scores short, plain sentences lower than long, technical ones', () => {
    const plain = readingLevel('Hair falls out in small round patches. It often grows back.');
    const dense = readingLevel('Autoimmune-mediated follicular inflammation precipitates nonscarring circumscribed alopecia.');
    expect(plain.grade).toBeLessThan(6);
    expect(dense.grade).toBeGreaterThan(15);
  });

  it('counts numbers and hyphenated words as words', () => {
    const level = readingLevel('Approved in 2022 for 12-year-olds.');
    expect(level.words).toBe(5);
    // ap-proved(2) in(1) 2022(2) for(1) 12(2)-year(1)-olds(1)
    expect(level.syllables).toBe(10);
  });

  it('spells abbreviations out letter by letter', () => {
    // F-D-A (3) is not one easy syllable; W is three; "HbA1c" is five characters read aloud.
    expect(readingLevel('FDA').syllables).toBe(3);
    expect(readingLevel('WHO').syllables).toBe(5);
    expect(readingLevel('HbA1c').syllables).toBe(5);
    expect(readingLevel('Approved').syllables).toBe(2);
    expect(readingLevel('McDonald').syllables).toBeLessThan(4);
  });

  it('returns a message only above the ceiling', () => {
    expect(checkShortReadability('Hair falls out. It grows back.')).toBeUndefined();
    expect(checkShortReadability('Hair falls out. It grows back.', -10)).toMatch(/above the ceiling of -10/);
  });

  it('median of odd and even lists', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });
});
