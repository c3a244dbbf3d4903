/** The generated stress page of the page benchmark, shared with the GC trace. */

/** About 5 MB of HTML in 200,000 text nodes: paragraphs of inline runs, some with terms. */
export function stressPage(): string {
  const words = ['the', 'patient', 'reported', 'that', 'her', 'hair', 'grew', 'back', 'after', 'months', 'of', 'treatment', 'with', 'a', 'new', 'medicine', 'and', 'regular', 'visits'];
  const terms = ['alopecia areata', 'JAK inhibitors', 'psoriasis', 'rheumatoid arthritis', 'minoxidil', 'vitiligo', 'clinical trial'];
  let seed = 7;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const parts: string[] = ['<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Stress</title></head><body><main>'];
  let nodes = 0;
  let p = 0;
  while (nodes < 200_000) {
    parts.push(`<p id="p${p++}">`);
    for (let run = 0; run < 4; run++) {
      let text = '';
      for (let w = 0; w < 3 + Math.floor(rand() * 5); w++) text += `${words[Math.floor(rand() * words.length)]} `;
      if (rand() < 0.08) text += `${terms[Math.floor(rand() * terms.length)]} `;
      parts.push(run % 2 === 0 ? text : `<em>${text}</em>`);
      nodes++;
    }
    parts.push('</p>\n');
  }
  parts.push('</main></body></html>');
  return parts.join('');
}
