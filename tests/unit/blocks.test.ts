// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { BlockReader, holdsText, locate, whenTextArrives, type ScanOptions, type TextBlock } from '../../lib/scanner/blocks';

/** Every block under `root`, read in one go. */
function collectBlocks(root: Node, options: ScanOptions = {}): TextBlock[] {
  const reader = BlockReader.open(root, options);
  const blocks: TextBlock[] = [];
  for (let block = reader?.next(); block; block = reader!.next()) blocks.push(block);
  return blocks;
}

function blocksOf(html: string, options = {}) {
  document.body.innerHTML = html;
  return collectBlocks(document.body, options).map((b) => b.text);
}

describe('BlockReader', () => {
  it('joins inline elements into one block so split terms stay whole', () => {
    expect(blocksOf('<p>Has alopecia <em>areata</em> and <a href="#">JAK</a> inhibitors, <span>rheumatoid</span> arthritis.</p>')).toEqual([
      'Has alopecia areata and JAK inhibitors, rheumatoid arthritis.',
    ]);
  });

  it('ends blocks at paragraphs, list items, cells and <br>', () => {
    expect(blocksOf('<p>alopecia</p><p>areata</p><ul><li>one</li><li>two</li></ul><table><tr><td>a1</td><td>b2</td></tr></table>x<br>y')).toEqual([
      'alopecia', 'areata', 'one', 'two', 'a1', 'b2', 'x', 'y',
    ]);
  });

  it('splits a block at a text-less boundary wherever it sits between two text nodes', () => {
    expect(blocksOf('<p>a<em>b</em><br>c</p>')).toEqual(['ab', 'c']);
    expect(blocksOf('<p>x<span><br></span>y</p>')).toEqual(['x', 'y']);
    expect(blocksOf('<p>alo<img alt="">pecia</p>')).toEqual(['alo', 'pecia']);
    // Skipped inline content is left out without splitting the sentence around it.
    expect(blocksOf('<p>x<span>y</span><code>z</code>w</p>')).toEqual(['xyw']);
    // A boundary inside a nested block with no text of its own still ends the block around it,
    // and so does a hidden block.
    expect(blocksOf('<div>alopecia<p><img alt=""></p>areata</div>')).toEqual(['alopecia', 'areata']);
    expect(blocksOf('<div>alopecia<div hidden>menu</div>areata</div>')).toEqual(['alopecia', 'areata']);
    // A boundary before a block's first text does not split that block later on.
    expect(blocksOf('<p>alpha</p><div><img alt="">beta <b>gamma</b> delta</div>')).toEqual(['alpha', 'beta gamma delta']);
  });

  it('ends a block where a nested block closes, even without a new element', () => {
    expect(blocksOf('<div>before <p>inside</p> after</div>')).toEqual(['before ', 'inside', ' after']);
  });

  it('skips form fields, editors, code, scripts, hidden and aria-hidden text', () => {
    const html = [
      '<p>keep1</p>',
      '<textarea>no1</textarea><input value="no2"><select><option>no3</option></select>',
      '<div contenteditable="true"><p>no4</p></div><div contenteditable="">no5</div>',
      '<pre>no6</pre><code>no7</code><kbd>no8</kbd><samp>no9</samp>',
      '<script>no10</script><style>.no11{}</style><noscript>no12</noscript><template><p>no13</p></template>',
      '<div hidden>no14</div><div aria-hidden="true">no15</div>',
      '<p>keep2</p>',
      '<div contenteditable="false"><p>keep3</p></div><div aria-hidden="false">keep4</div>',
    ].join('');
    expect(blocksOf(html)).toEqual(['keep1', 'keep2', 'keep3', 'keep4']);
  });

  it('steps over hidden regions nested in each other or inside skipped elements, and nothing after them', () => {
    const html = [
      '<svg aria-hidden="true"><text hidden>no1</text></svg><p>keep1</p>',
      '<div hidden><p hidden>no2</p><span aria-hidden="true">no3</span></div><p>keep2</p>',
      '<p>a<span aria-hidden="true">no4</span>b</p><script><!-- <p hidden>no5</p> --></script><p>keep3</p><div hidden>no6</div>',
    ].join('');
    // An inline hidden region leaves the text around it one phrase, as a reader sees it.
    expect(blocksOf(html)).toEqual(['keep1', 'keep2', 'ab', 'keep3']);
  });

  it('drops blocks without a letter or digit, but not ones written in letters beyond the BMP', () => {
    expect(blocksOf('<p> — · … </p><p>\u{1D41A}\u{1D425}\u{1D428}</p><p>²</p>')).toEqual(['\u{1D41A}\u{1D425}\u{1D428}', '²']);
  });

  it('keeps text marked translate="no" (a name left untranslated is still a term a reader may not know)', () => {
    expect(blocksOf('<p translate="no">Olumiant</p>')).toEqual(['Olumiant']);
  });

  it('scans nothing in a document in designMode', () => {
    document.body.innerHTML = '<p>alopecia</p>';
    document.designMode = 'on';
    try {
      expect(collectBlocks(document.body)).toEqual([]);
    } finally {
      document.designMode = 'off';
    }
  });

  it('honours a caller exclusion such as the extension UI host', () => {
    expect(blocksOf('<p>keep</p><health-glossary-ui><p>mine</p></health-glossary-ui>', { excludedTags: new Set(['health-glossary-ui']) })).toEqual(['keep']);
  });

  it('drops blocks with no letters or digits', () => {
    expect(blocksOf('<p> — </p><p>ok</p>')).toEqual(['ok']);
  });
});

describe('locate', () => {
  it('maps block offsets back to text nodes, keeping range ends in the earlier node', () => {
    document.body.innerHTML = '<p>alopecia <em>areata</em>!</p>';
    const [block] = collectBlocks(document.body);
    const nodes = block!.segments.map((s) => s.node.data);
    expect(nodes).toEqual(['alopecia ', 'areata', '!']);
    expect(locate(block!, 0)).toMatchObject({ offset: 0 });
    expect(locate(block!, 0).node.data).toBe('alopecia ');
    const start = locate(block!, 9);
    expect([start.node.data, start.offset]).toEqual(['areata', 0]);
    const end = locate(block!, 15, true);
    expect([end.node.data, end.offset]).toEqual(['areata', 6]);
    const endNoPreference = locate(block!, 15);
    expect([endNoPreference.node.data, endNoPreference.offset]).toEqual(['!', 0]);
  });
});

describe('holdsText', () => {
  it('says no for an empty frame, spaces, and text only in scripts, styles and the title', () => {
    document.head.innerHTML = '<title>Alopecia</title><style>p { color: red }</style>';
    document.body.innerHTML = '';
    expect(holdsText(document)).toBe(false);
    document.body.innerHTML = '  \n <div>\u00a0</div><script>var alopecia = 1;</script><noscript>alopecia</noscript>';
    expect(holdsText(document)).toBe(false);
  });

  it('says yes for a word anywhere, however deep, and in any script', () => {
    document.body.innerHTML = '<script>x</script><div><div><span>alopecia</span></div></div>';
    expect(holdsText(document)).toBe(true);
    document.body.innerHTML = '<p>脱毛症</p>';
    expect(holdsText(document)).toBe(true);
    document.body.innerHTML = '<p>42</p>';
    expect(holdsText(document.body)).toBe(true);
  });
});

describe('whenTextArrives', () => {
  /** Whether the promise has settled, and with what, after the changes made so far are observed. */
  async function settled(promise: Promise<boolean>): Promise<boolean | 'pending'> {
    await new Promise((resolve) => setTimeout(resolve, 0));
    return Promise.race([promise, Promise.resolve('pending' as const)]);
  }

  it('answers at once for a document that holds text', async () => {
    document.body.innerHTML = '<p>alopecia</p>';
    expect(await whenTextArrives(document, new AbortController().signal)).toBe(true);
  });

  it('waits through changes that bring no text, and answers when text comes', async () => {
    document.body.innerHTML = '';
    const arrival = whenTextArrives(document, new AbortController().signal);
    expect(await settled(arrival)).toBe('pending');
    document.body.append(document.createElement('div'), ' ');
    document.body.insertAdjacentHTML('beforeend', '<script>var alopecia;</script>');
    expect(await settled(arrival)).toBe('pending');
    document.body.insertAdjacentHTML('beforeend', '<p>An ad about alopecia.</p>');
    expect(await settled(arrival)).toBe(true);
  });

  it('gives up when the signal aborts (the extension is reloaded or removed)', async () => {
    document.body.innerHTML = '';
    const controller = new AbortController();
    const arrival = whenTextArrives(document, controller.signal);
    controller.abort();
    expect(await settled(arrival)).toBe(false);
    document.body.innerHTML = '<p>alopecia</p>';
    expect(await arrival).toBe(false);
  });
});
