// @vitest-environment happy-dom
/**
 * A reader who points at a term before the first scan (or while a long one is busy elsewhere)
 * gets the block under the pointer scanned out of turn; the first scan then steps over it, so no
 * term is marked twice.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { describeTerm, setup } from './page-scanner-setup';

describe('PageScanner.scanNow', () => {
  beforeEach(() => {
    document.body.innerHTML = '<p id="a">She has alopecia areata.</p><div><p id="b">And <b>psoriasis</b> too.</p></div>';
  });

  it('marks the block under the pointer before the first scan, and the first scan does not mark it again', async () => {
    const { marks, scanner } = setup();
    scanner.scanNow(document.querySelector('#b b')!);
    expect([...marks.terms()].map(describeTerm)).toEqual(['ps:psoriasis']);
    // Asked again (the pointer keeps moving over it): read once.
    scanner.scanNow(document.querySelector('#b')!);
    expect([...marks.terms()]).toHaveLength(1);
    await scanner.start();
    expect([...marks.terms()].map(describeTerm).sort()).toEqual(['aa:alopecia areata', 'ps:psoriasis']);
    expect(scanner.scanned).toBe(true);
  });

  it('leaves a block the first scan already marked alone, and does nothing once the page is scanned', async () => {
    const { marks, scanner } = setup();
    await scanner.start();
    scanner.scanNow(document.querySelector('#a')!);
    expect([...marks.terms()]).toHaveLength(2);
  });

  it('in first-only mode, an entry marked on demand is not marked again by the first scan', async () => {
    document.body.innerHTML = '<p id="a">psoriasis once</p><p id="b">psoriasis twice</p>';
    const { marks, scanner } = setup(true);
    scanner.scanNow(document.querySelector('#b')!);
    await scanner.start();
    const terms = [...marks.terms()];
    expect(terms).toHaveLength(1);
    expect(terms[0]!.range.startContainer.parentElement?.id).toBe('b');
  });
});
