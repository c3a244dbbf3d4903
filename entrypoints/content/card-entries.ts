/**
 * The entries' texts on a page, as far as its cards need them: fetched from the background when
 * a card is about to open (the pointer has come to a term and waits out the hover delay) and kept
 * for the page's life. The content script ships none of them (see entrypoints/background/entries.ts).
 */
import { browser } from 'wxt/browser';
import type { CardEntry, CompiledEntry } from '../../lib/compiled/compiled';
import { CARD_ENTRY, ENTRY_SUMMARIES, LOOK_UP_TEXT, type EntryRequest, type EntrySummary, type TextLookup } from '../../lib/messages';
import type { EntryLookup } from '../../components/Popover';

export type SendRequest = (request: EntryRequest) => Promise<unknown>;

/** Sends to the background; a missing answer (extension reloading, unknown entry) is undefined. */
const sendToBackground: SendRequest = (request) => browser.runtime.sendMessage(request).catch(() => undefined);

export class CardEntries implements EntryLookup {
  private readonly entries = new Map<string, CompiledEntry>();
  private readonly names = new Map<string, string>();
  private readonly pending = new Map<string, Promise<CompiledEntry | undefined>>();

  constructor(
    /** Called when an entry asked for through entry() has arrived, to render the card again. */
    private readonly onArrived: () => void = () => {},
    private readonly send: SendRequest = sendToBackground,
  ) {}

  entry(id: string): CompiledEntry | undefined {
    const known = this.entries.get(id);
    if (!known) void this.load(id).then((arrived) => arrived && this.onArrived());
    return known;
  }

  name(id: string): string | undefined {
    return this.entries.get(id)?.name ?? this.names.get(id);
  }

  /** The entry, from the background the first time (one request however often asked). */
  load(id: string): Promise<CompiledEntry | undefined> {
    const known = this.entries.get(id);
    if (known) return Promise.resolve(known);
    let pending = this.pending.get(id);
    if (!pending) {
      pending = this.send({ type: CARD_ENTRY, entryId: id }).then((raw) => {
        const card = raw as CardEntry | null | undefined;
        if (!card?.entry || card.entry.id !== id) {
          // Asked again next time: the background may have been updating.
          this.pending.delete(id);
          return undefined;
        }
        this.entries.set(id, card.entry);
        for (const [related, name] of Object.entries(card.relatedNames ?? {})) this.names.set(related, name);
        return card.entry;
      });
      this.pending.set(id, pending);
    }
    return pending;
  }

  /** Names and short texts of these entries, in their order (those the background knows). */
  async summaries(entryIds: string[]): Promise<EntrySummary[]> {
    if (entryIds.length === 0) return [];
    const raw = await this.send({ type: ENTRY_SUMMARIES, entryIds });
    return Array.isArray(raw) ? (raw as EntrySummary[]) : [];
  }

  /** What unmarked text means to the glossary; the names it gives are kept for the card. */
  async lookUp(text: string): Promise<TextLookup> {
    const raw = (await this.send({ type: LOOK_UP_TEXT, text })) as TextLookup | null | undefined;
    const found = raw ?? { exact: undefined, contained: undefined, closest: [], names: {} };
    for (const [id, name] of Object.entries(found.names ?? {})) this.names.set(id, name);
    return found;
  }
}
