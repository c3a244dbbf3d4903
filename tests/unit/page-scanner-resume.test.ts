// @vitest-environment jsdom
// jsdom, not happy-dom: these tests need live ranges that follow the page's removals, as browsers'
// ranges do (DOM standard, "live range pre-remove steps"); happy-dom's stay where they were.
import { beforeEach, describe, expect, it } from 'vitest';
import { describeTerm, setup } from './page-scanner-setup';

describe('PageScanner, when the page changes while the first scan is paused', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
  });

  describe('goes on to the end of the page when the page removes the place the paused scan stood on', () => {
    // Every block takes "a second", so the scan pauses after each one; at its first pause the
    // page removes something around the node the scan stands on.
    const pausingEveryBlock = (atFirstPause: () => void) => {
      let clock = 0;
      let pauses = 0;
      return {
        now: () => (clock += 1000),
        yieldToPage: async () => {
          if (pauses++ === 0) atFirstPause();
        },
      };
    };
    const cases: [string, string, () => void, string[]][] = [
      ['the text node itself', '<p>alopecia areata</p><p><span id="gone">12:00</span> and psoriasis</p><p>psoriasis</p>', () => document.querySelector('#gone')!.firstChild!.remove(), ['aa', 'ps', 'ps']],
      ['its element', '<p>alopecia areata</p><p id="gone">12:00</p><p>psoriasis</p>', () => document.querySelector('#gone')!.remove(), ['aa', 'ps']],
      ['an ancestor several levels up', '<p>alopecia areata</p><section id="gone"><div><p>12:00</p></div></section><p>psoriasis</p>', () => document.querySelector('#gone')!.remove(), ['aa', 'ps']],
      ['its block and the one after', '<p>alopecia areata</p><p id="gone">12:00</p><p id="next">psoriasis</p><div><p>psoriasis again</p></div>', () => {
        document.querySelector('#gone')!.remove();
        document.querySelector('#next')!.remove();
      }, ['aa', 'ps']],
    ];
    for (const [what, html, removal, expected] of cases) {
      it(what, async () => {
        document.body.innerHTML = html;
        const { marks, scanner } = setup(false, undefined, () => [], pausingEveryBlock(removal));
        await scanner.start();
        expect([...marks.terms()].map((t) => t.entryId)).toEqual(expected);
        expect([...marks.terms()].every((t) => t.range.startContainer.isConnected)).toBe(true);
        scanner.destroy();
      });
    }
  });

  it('does not mark text the page removed from the block it was reading', async () => {
    document.body.innerHTML = '<p>alopecia areata</p><p><span id="gone">psoriasis</span> and <span>psoriasis</span></p>';
    let clock = 0;
    let pauses = 0;
    const { marks, scanner } = setup(false, undefined, () => [], {
      now: () => (clock += 1000),
      yieldToPage: async () => {
        if (pauses++ === 0) document.querySelector('#gone')!.firstChild!.remove();
      },
    });
    await scanner.start();
    expect([...marks.terms()].map(describeTerm)).toEqual(['aa:alopecia areata', 'ps:psoriasis']);
    expect([...marks.terms()].every((t) => t.range.startContainer.isConnected)).toBe(true);
    scanner.destroy();
  });
});
