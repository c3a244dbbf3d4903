// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { pieceEnd } from '../../lib/scanner/page-scanner';
import { describeTerm, setup, setupExcluding, setupExcludingElements } from './page-scanner-setup';

const settle = () => new Promise((r) => setTimeout(r, 200));

/** The [start, end) pieces the scanner matches `text` in, one at a time. */
function pieces(text: string): [number, number][] {
  const result: [number, number][] = [];
  for (let from = 0, to = pieceEnd(text, 0); from < to; from = to, to = pieceEnd(text, from)) result.push([from, to]);
  return result;
}

describe('pieceEnd', () => {
  it('keeps a paragraph whole and cuts a chapter after sentences into pieces of at most 8,000 units', () => {
    expect(pieces('A short paragraph.')).toEqual([[0, 18]]);
    const text = 'One sentence of some length here. '.repeat(700);
    const cut = pieces(text);
    expect(cut[0]![0]).toBe(0);
    expect(cut[cut.length - 1]![1]).toBe(text.length);
    for (let i = 0; i < cut.length; i++) {
      const [from, to] = cut[i]!;
      expect(to - from).toBeLessThanOrEqual(8000);
      if (i > 0) expect(from).toBe(cut[i - 1]![1]);
      if (i < cut.length - 1) expect(text.slice(to - 2, to)).toBe('. ');
    }
    expect(pieces('x'.repeat(20000)).map(([a, b]) => b - a)).toEqual([8000, 8000, 4000]);
  });
});

describe('PageScanner', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
  });

  it('marks terms across inline elements and registers the highlight', async () => {
    document.body.innerHTML = '<p>I have alopecia <em>areata</em>.</p><p>and psoriasis</p>';
    const { registry, marks, scanner } = setup();
    await scanner.start();
    expect([...marks.terms()].map(describeTerm)).toEqual(['aa:alopecia |areata', 'ps:psoriasis']);
    expect(registry.get('health-glossary-term')?.size).toBe(2);
    scanner.destroy();
  });

  it('finds the term at a caret position, including its last caret stop', async () => {
    document.body.innerHTML = '<p>x psoriasis y</p>';
    const { marks, scanner } = setup();
    await scanner.start();
    const text = document.querySelector('p')!.firstChild!;
    expect(marks.termsAt(text, 1)).toHaveLength(0);
    expect(marks.termsAt(text, 2).map((t) => t.entryId)).toEqual(['ps']);
    expect(marks.termsAt(text, 11).map((t) => t.entryId)).toEqual(['ps']);
    expect(marks.termsAt(text, 12)).toHaveLength(0);
    scanner.destroy();
  });

  it('follows appended content, changed text and removed content', async () => {
    document.body.innerHTML = '<p id="a">nothing yet</p>';
    const { marks, scanner } = setup();
    await scanner.start();
    expect(marks.size).toBe(0);

    const p = document.createElement('p');
    p.textContent = 'new psoriasis paragraph';
    document.body.append(p);
    await settle();
    await scanner.idle();
    expect([...marks.entryCounts()]).toEqual([['ps', 1]]);

    document.querySelector('#a')!.firstChild!.nodeValue = 'now alopecia areata';
    await settle();
    await scanner.idle();
    expect(new Map(marks.entryCounts())).toEqual(new Map([['ps', 1], ['aa', 1]]));

    p.remove();
    await settle();
    await scanner.idle();
    expect([...marks.entryCounts()]).toEqual([['aa', 1]]);
    scanner.destroy();
  });

  it('in first-only mode marks each entry once, and again if that mark goes away', async () => {
    document.body.innerHTML = '<p id="one">psoriasis</p><p>psoriasis again</p>';
    const { marks, scanner } = setup(true);
    await scanner.start();
    expect(marks.size).toBe(1);
    document.querySelector('#one')!.remove();
    await settle();
    await scanner.idle();
    // The remaining occurrence is not rescanned until its block changes; removing the only mark
    // frees the entry for the next scan.
    const p = document.createElement('p');
    p.textContent = 'more psoriasis';
    document.body.append(p);
    await settle();
    await scanner.idle();
    expect(marks.size).toBe(1);
    scanner.destroy();
  });

  it('does not rescan when only skipped nodes arrive (its own UI host, scripts, comments)', async () => {
    document.body.innerHTML = '<p>psoriasis</p>';
    const { marks, scanner } = setupExcluding(new Set(['health-glossary-ui']));
    await scanner.start();
    const before = [...marks.terms()];
    document.documentElement.append(document.createElement('health-glossary-ui'));
    document.body.append(document.createElement('script'), document.createComment('x'));
    await settle();
    await scanner.idle();
    expect([...marks.terms()]).toEqual(before);
    expect([...marks.terms()][0]).toBe(before[0]);
    scanner.destroy();
  });

  it('does not rescan when its own UI host, excluded by identity, comes and goes', async () => {
    document.body.innerHTML = '<p>psoriasis</p>';
    const host = document.createElement('qwerty-asdfgh');
    const { marks, scanner } = setupExcludingElements((element) => element === host);
    await scanner.start();
    const before = [...marks.terms()];
    document.documentElement.append(host);
    await settle();
    await scanner.idle();
    expect([...marks.terms()][0]).toBe(before[0]);
    host.remove();
    await settle();
    await scanner.idle();
    expect([...marks.terms()][0]).toBe(before[0]);
    scanner.destroy();
  });

  it('scans open shadow roots and follows changes inside them', async () => {
    document.body.innerHTML = '<p>outside psoriasis</p><health-card id="host"></health-card>';
    const root = document.querySelector('#host')!.attachShadow({ mode: 'open' });
    root.innerHTML = '<p>inside alopecia areata</p>';
    const { marks, scanner } = setup();
    await scanner.start();
    await settle();
    await scanner.idle();
    expect(new Map(marks.entryCounts())).toEqual(new Map([['ps', 1], ['aa', 1]]));
    expect(scanner.stats.shadowDiscovery?.roots).toBe(1);

    const p = document.createElement('p');
    p.textContent = 'and psoriasis again';
    root.append(p);
    await settle();
    await scanner.idle();
    expect(marks.entryCounts().get('ps')).toBe(2);
    scanner.destroy();
  });

  it('scans what is in view before the rest of the page', async () => {
    document.body.innerHTML = '<p>first psoriasis</p><p id="seen">visible alopecia areata</p>';
    const { marks, scanner } = setup(false, undefined, () => [document.querySelector('#seen')!]);
    await scanner.start();
    expect([...marks.terms()].map((t) => t.entryId)).toEqual(['aa', 'ps']);
    expect(scanner.stats.firstScan).toMatchObject({ blocks: 2, chars: 'first psoriasis'.length + 'visible alopecia areata'.length });
    scanner.destroy();
  });

  it('reads in-view content once: the rest of the page steps over it, however much of the page it is', async () => {
    document.body.innerHTML =
      '<p>before psoriasis</p><main id="seen"><p>alopecia areata</p><div><p>psoriasis</p><span>alopecia areata</span></div></main><p>after psoriasis</p>';
    const { marks, scanner } = setup(false, undefined, () => Promise.resolve([document.querySelector('#seen span')!, document.querySelector('#seen')!]));
    await scanner.start();
    expect([...marks.terms()].map(describeTerm)).toEqual(['aa:alopecia areata', 'ps:psoriasis', 'aa:alopecia areata', 'ps:psoriasis', 'ps:psoriasis']);
    expect(scanner.stats.firstScan?.blocks).toBe(5);
    scanner.destroy();
  });

  it('does not join the text on either side of an in-view block it steps over', async () => {
    document.body.innerHTML = '<div>alopecia <p id="seen">psoriasis</p>areata</div>';
    const { marks, scanner } = setup(false, undefined, () => [document.querySelector('#seen')!]);
    await scanner.start();
    expect([...marks.terms()].map(describeTerm)).toEqual(['ps:psoriasis']);
    scanner.destroy();
  });

  it('times the first scan as one pass: the in-view part and the rest hold the page back to back', async () => {
    document.body.innerHTML = '<p>first psoriasis</p><p id="seen">visible alopecia areata</p>';
    let clock = 0;
    const { scanner } = setup(false, undefined, () => [document.querySelector('#seen')!], { now: () => ++clock });
    await scanner.start();
    const firstScan = scanner.stats.firstScan!;
    expect(firstScan.blocks).toBe(2);
    expect(firstScan.slices).toBe(1);
    expect(firstScan.maxSliceMs).toBe(firstScan.busyMs);
    scanner.destroy();
  });

  it('opens the reader on the rest of the page in a slice of its own once the in-view pass has used half of one', async () => {
    document.body.innerHTML = '<p id="seen">psoriasis</p><p>alopecia areata</p>';
    let clock = 0;
    const markedAtYields: string[][] = [];
    const { marks, scanner } = setup(false, undefined, () => [document.querySelector('#seen')!], {
      // Every look at the clock finds 3 ms gone.
      now: () => (clock += 3),
      yieldToPage: async () => {
        markedAtYields.push([...marks.terms()].map((t) => t.entryId));
      },
    });
    await scanner.start();
    // The page had its thread back after the in-view block, before the rest of the page was opened.
    expect(markedAtYields[0]).toEqual(['ps']);
    expect([...marks.terms()].map((t) => t.entryId)).toEqual(['ps', 'aa']);
    scanner.destroy();
  });

  it('reads the clock every few blocks while the slice has time to spare, not after each', async () => {
    document.body.innerHTML = Array.from({ length: 40 }, (_, i) => `<p>paragraph ${i} with psoriasis</p>`).join('');
    let clockReads = 0;
    const { marks, scanner } = setup(false, undefined, () => [], { now: () => (clockReads++, 0) });
    await scanner.start();
    expect(scanner.stats.firstScan?.blocks).toBe(40);
    expect(marks.entryCounts().get('ps')).toBe(40);
    expect(clockReads).toBeLessThan(15);
    scanner.destroy();
  });


  it('scans in document order when the page has nothing in view', async () => {
    document.body.innerHTML = '<p>psoriasis</p><p>alopecia areata</p>';
    const { marks, scanner } = setup(false, undefined, () => []);
    await scanner.start();
    expect([...marks.terms()].map((t) => t.entryId)).toEqual(['ps', 'aa']);
    scanner.destroy();
  });

  it('matches a chapter-long block piece by piece and still finds every term where it is', async () => {
    const sentence = 'The patient reported that her hair grew back after a year. ';
    const text = `${sentence.repeat(150)}Then psoriasis. ${sentence.repeat(150)}And alopecia areata at the end.`;
    document.body.innerHTML = `<div id="chapter">${text}</div>`;
    const { marks, scanner } = setup();
    await scanner.start();
    expect([...marks.terms()].map(describeTerm)).toEqual(['ps:psoriasis', 'aa:alopecia areata']);
    const data = (document.querySelector('#chapter')!.firstChild as Text).data;
    expect([...marks.terms()].map((t) => data.slice(t.range.startOffset, t.range.endOffset))).toEqual(['psoriasis', 'alopecia areata']);
    scanner.destroy();
  });

  it('destroy() takes its highlights out of the registry', async () => {
    document.body.innerHTML = '<p>psoriasis</p>';
    const { registry, marks, scanner } = setup();
    await scanner.start();
    scanner.destroy();
    marks.destroy();
    expect(registry.size).toBe(0);
  });
});
