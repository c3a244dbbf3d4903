/**
 * What the background answers a page that asks for entry texts (see
 * entrypoints/background/entries.ts): pure, over the glossary's texts.
 */
import type { CardEntry, GlossaryTexts } from './compiled/compiled';
import { CARD_ENTRY, ENTRY_SUMMARIES, type EntryRequest, type EntrySummary, type TextLookup } from './messages';
import type { EntrySuggester } from './popover/suggest';

/** The answer to one request, or undefined for a request of another kind (or an unknown entry). */
export function answerEntryRequest(texts: GlossaryTexts, request: EntryRequest, suggester: () => EntrySuggester): CardEntry | EntrySummary[] | TextLookup | undefined {
  const { entries } = texts;
  if (request.type === CARD_ENTRY) {
    const entry = entries[request.entryId];
    if (!entry) return undefined;
    const relatedNames: Record<string, string> = {};
    for (const id of entry.related) {
      const related = entries[id];
      if (related) relatedNames[id] = related.name;
    }
    return { entry, relatedNames };
  }
  if (request.type === ENTRY_SUMMARIES) {
    return request.entryIds.flatMap((entryId) => {
      const entry = entries[entryId];
      return entry ? [{ entryId, name: entry.name, short: entry.short }] : [];
    });
  }
  const found = suggester().lookup(request.text);
  const closest = found.closest.map((s) => s.entryId);
  const names: Record<string, string> = {};
  for (const id of [found.exact, found.contained, ...closest]) if (id && entries[id]) names[id] = entries[id].name;
  return { exact: found.exact, contained: found.contained, closest, names };
}

