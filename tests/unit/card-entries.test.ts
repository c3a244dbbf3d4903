/**
 * A page's cards get their entries from the background: one request an entry however often a card
 * asks, related names kept for the chips, and an entry that arrives late renders the card again.
 */
import { describe, expect, it, vi } from 'vitest';
import { answerEntryRequest } from '../../lib/entry-requests';
import { CardEntries } from '../../entrypoints/content/card-entries';
import type { CompiledEntry, GlossaryTexts } from '../../lib/compiled/compiled';
import { CARD_ENTRY, ENTRY_SUMMARIES, LOOK_UP_TEXT, type EntryRequest } from '../../lib/messages';
import { EntrySuggester } from '../../lib/popover/suggest';

const entry = (id: string, name: string, related: string[] = []): CompiledEntry => ({
  id,
  name,
  category: 'condition',
  area: 'skin-hair',
  familiarity: 'common',
  short: `${name} in short.`,
  long: `${name} at length.`,
  related,
  sources: [],
  reviewed: '2026-01-01',
});

const texts: GlossaryTexts = {
  entries: { aa: entry('aa', 'Alopecia areata', ['al', 'gone']), al: entry('al', 'Alopecia') },
  aliases: [{ text: 'AA', entryId: 'aa', caseSensitive: true }],
};
const answer = (request: EntryRequest) => Promise.resolve(answerEntryRequest(texts, request, () => new EntrySuggester(texts)) ?? null);

describe('the entries between background and page', () => {
  it('answers a card with its entry and the names of its related entries that exist', async () => {
    expect(await answer({ type: CARD_ENTRY, entryId: 'aa' })).toEqual({ entry: texts.entries.aa, relatedNames: { al: 'Alopecia' } });
    expect(await answer({ type: CARD_ENTRY, entryId: 'nope' })).toBeNull();
    expect(await answer({ type: ENTRY_SUMMARIES, entryIds: ['al', 'nope'] })).toEqual([{ entryId: 'al', name: 'Alopecia', short: 'Alopecia in short.' }]);
    expect(await answer({ type: LOOK_UP_TEXT, text: 'alopecia areata' })).toMatchObject({ exact: 'aa', names: { aa: 'Alopecia areata' } });
  });

  it('asks once per entry, knows related names, and renders again when an entry arrives', async () => {
    const send = vi.fn(answer);
    const arrived = vi.fn();
    const cards = new CardEntries(arrived, send);
    expect(cards.entry('aa')).toBeUndefined();
    const [a, b] = await Promise.all([cards.load('aa'), cards.load('aa')]);
    expect(a).toBe(b);
    expect(send).toHaveBeenCalledTimes(1);
    expect(arrived).toHaveBeenCalledTimes(1);
    expect(cards.entry('aa')?.name).toBe('Alopecia areata');
    expect(cards.name('al')).toBe('Alopecia');
    expect(cards.entry('al')).toBeUndefined();
  });

  it('asks again after a failed answer (the background was updating)', async () => {
    const send = vi.fn().mockResolvedValueOnce(undefined).mockImplementation(answer);
    const cards = new CardEntries(() => {}, send);
    expect(await cards.load('al')).toBeUndefined();
    expect((await cards.load('al'))?.name).toBe('Alopecia');
  });
});
