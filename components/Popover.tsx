/**
 * The definition card shown next to a term. Presentational: the content script decides when it
 * opens, where it sits and whether it is pinned; the card keeps only what the reader does inside
 * it (expanding "more", following related terms and going back).
 *
 * It is a non-modal dialog named by its heading: it never takes focus when it opens (the reader
 * is reading, not navigating). Its controls are real buttons and links, so once focus is inside
 * (Tab into a pinned card) everything works from the keyboard.
 */
import { useEffect, useState } from 'preact/hooks';
import type { CompiledEntry, CompiledMedicine } from '../lib/compiled/compiled';
import { i18n } from '#i18n';
import { formatDate, GLOSSARY_LANG, UI_LANG, withParts } from './locale';
import { ReportForm, type ReportContext } from './ReportForm';
import { back, canGoBack, currentOf, follow, previousOf, startHistory, type PopoverHistory } from '../lib/popover/history';

/** What the card shows: an entry, or "not in the glossary" with the closest entries. */
export type PopoverView =
  | { kind: 'entry'; entryId: string }
  | { kind: 'unknown'; query: string; suggestions: readonly string[] };

/**
 * The entries a card can show. A page holds no entry texts: they arrive from the background when a
 * card is about to open (and for a related term when it is followed), and the card is rendered
 * again when they do; the names of related entries come with the entry.
 */
export interface EntryLookup {
  /** The entry's text, once it is here (asking for one not here yet may start fetching it). */
  entry(id: string): CompiledEntry | undefined;
  /** The entry's name, when known. */
  name(id: string): string | undefined;
}

/** A lookup over entries all at hand (tests, and pages that hold the glossary). */
export function lookupOf(entries: Readonly<Record<string, CompiledEntry>>): EntryLookup {
  return { entry: (id) => entries[id], name: (id) => entries[id]?.name };
}

export interface PopoverProps {
  /** The first view; following links inside the card builds on it. Re-key the card to replace it. */
  view: PopoverView;
  entries: EntryLookup;
  pinned: boolean;
  onPinnedChange: (pinned: boolean) => void;
  onClose: () => void;
  onPointerEnter?: () => void;
  onPointerLeave?: () => void;
  /** What a problem report needs to know; without it the card offers no report. */
  report?: ReportContext;
  /** Opens a source in a new tab (by way of the background: the card has no links). */
  onOpenSource?: (url: string) => void;
}

/** Related terms shown at once; the rest stay one "back" away in the glossary, not on the card. */
const MAX_RELATED = 6;

function sameView(a: PopoverView, b: PopoverView): boolean {
  return a.kind === 'entry' && b.kind === 'entry' ? a.entryId === b.entryId : a === b;
}

function viewName(view: PopoverView | undefined, entries: PopoverProps['entries']): string {
  if (!view) return '';
  return view.kind === 'entry' ? (entries.name(view.entryId) ?? '') : `“${view.query}”`;
}

export function Popover({ view, entries, pinned, onPinnedChange, onClose, onPointerEnter, onPointerLeave, report, onOpenSource }: PopoverProps) {
  const [history, setHistory] = useState<PopoverHistory<PopoverView>>(() => startHistory(view));
  const [expanded, setExpanded] = useState(false);
  const [reporting, setReporting] = useState(false);
  const current = currentOf(history);
  const entry = current.kind === 'entry' ? entries.entry(current.entryId) : undefined;
  const headingId = 'hg-popover-title';

  // A new page of the card starts folded.
  useEffect(() => {
    setExpanded(false);
    setReporting(false);
  }, [current]);

  const go = (entryId: string) => setHistory((h) => follow(h, { kind: 'entry', entryId }, sameView));

  return (
    <div
      class="hg-popover"
      role="dialog"
      lang={UI_LANG()}
      aria-labelledby={headingId}
      aria-modal="false"
      data-pinned={pinned ? '' : undefined}
      onPointerEnter={onPointerEnter}
      onPointerLeave={onPointerLeave}
    >
      <header class="hg-header">
        <div class="hg-title">
          <h2 id={headingId} class="hg-name" lang={entry || current.kind === 'unknown' ? GLOSSARY_LANG : undefined}>
            {current.kind === 'entry' ? (entry?.name ?? entries.name(current.entryId) ?? i18n.t('popover.notFound')) : `“${current.query}”`}
          </h2>
          {entry?.pronunciation && (
            <p class="hg-pronunciation">
              <span class="hg-visually-hidden">{i18n.t('popover.pronounced')} </span>
              <span lang={GLOSSARY_LANG}>{entry.pronunciation}</span>
            </p>
          )}
        </div>
        <div class="hg-toolbar">
          {canGoBack(history) && (
            <button
              type="button"
              class="hg-icon hg-back"
              aria-label={i18n.t('popover.backTo', { name: viewName(previousOf(history), entries) })}
              title={i18n.t('popover.back')}
              onClick={() => setHistory(back)}
            >
              <BackIcon />
            </button>
          )}
          <button
            type="button"
            class="hg-icon hg-pin"
            aria-pressed={pinned}
            aria-label={i18n.t('popover.keepOpen')}
            title={pinned ? i18n.t('popover.keptOpenHint') : i18n.t('popover.keepOpenHint')}
            onClick={() => onPinnedChange(!pinned)}
          >
            <PinIcon />
          </button>
          <button type="button" class="hg-icon hg-close" aria-label={i18n.t('popover.close')} title={i18n.t('popover.closeHint')} onClick={onClose}>
            <CloseIcon />
          </button>
        </div>
      </header>
      {current.kind === 'entry' ? (
        entry &&
        (reporting && report ? (
          <ReportForm entry={entry} context={report} onDone={() => setReporting(false)} {...(onOpenSource ? { onOpen: onOpenSource } : {})} />
        ) : (
          <EntryBody
            entry={entry}
            entries={entries}
            expanded={expanded}
            onExpand={setExpanded}
            onFollow={go}
            onOpenSource={onOpenSource}
            onReport={
              report
                ? () => {
                    // Typing a report takes a while: the card stays when the pointer leaves.
                    setReporting(true);
                    if (!pinned) onPinnedChange(true);
                  }
                : undefined
            }
          />
        ))
      ) : (
        <UnknownBody suggestions={current.suggestions} entries={entries} onFollow={go} />
      )}
      {UI_LANG() !== GLOSSARY_LANG && <p class="hg-language-note">{i18n.t('popover.glossaryInEnglish')}</p>}
      <p class="hg-disclaimer">{i18n.t('popover.disclaimer')}</p>
    </div>
  );
}

function EntryBody(props: {
  entry: CompiledEntry;
  entries: PopoverProps['entries'];
  expanded: boolean;
  onExpand: (expanded: boolean) => void;
  onFollow: (entryId: string) => void;
  onReport: (() => void) | undefined;
  onOpenSource: ((url: string) => void) | undefined;
}) {
  const { entry, entries, expanded, onExpand, onFollow, onReport, onOpenSource } = props;
  const related = entry.related.filter((id) => entries.name(id) !== undefined).slice(0, MAX_RELATED);
  const longId = `hg-long-${entry.id}`;
  const relatedId = `hg-related-${entry.id}`;
  return (
    <>
      <p class="hg-short" lang={GLOSSARY_LANG}>
        {entry.short}
      </p>
      {entry.medicine && entry.medicine.boxedWarnings.length > 0 && (
        <p class="hg-callout hg-boxed">
          <span class="hg-label">{i18n.t('popover.boxedWarning')} </span>
          <span lang={GLOSSARY_LANG}>{entry.medicine.boxedWarnings.map((w) => w.name).join('; ')}</span>
        </p>
      )}
      {entry.getHelp && (
        <p class="hg-callout hg-help" role="note">
          <span class="hg-label">{i18n.t('popover.getHelp')} </span>
          <span lang={GLOSSARY_LANG}>{entry.getHelp}</span>
        </p>
      )}
      {expanded && (
        <div id={longId}>
          <p class="hg-long" lang={GLOSSARY_LANG}>
            {entry.long}
          </p>
          {entry.medicine && <MedicineFacts medicine={entry.medicine} />}
        </div>
      )}
      {entry.long && (
        <button
          type="button"
          class="hg-more"
          aria-expanded={expanded}
          aria-controls={expanded ? longId : undefined}
          onClick={() => onExpand(!expanded)}
        >
          {expanded ? i18n.t('popover.less') : i18n.t('popover.more')}
        </button>
      )}
      {related.length > 0 && (
        <div class="hg-related">
          <h3 class="hg-label" id={relatedId}>
            {i18n.t('popover.related')}
          </h3>
          <EntryChips ids={related} entries={entries} onFollow={onFollow} aria-labelledby={relatedId} />
        </div>
      )}
      <footer class="hg-footer">
        <p class="hg-sources">
          <span class="hg-label">{i18n.t('popover.sources', entry.sources.length)} </span>
          {entry.sources.map((source, i) => (
            <>
              {i > 0 && ', '}
              {/* A button that reads as a link: a real link lets the browser preconnect to the
                  publisher when the pointer is pressed on it, before any click. */}
              <button type="button" role="link" class="hg-source" title={source.title} lang={GLOSSARY_LANG} onClick={() => onOpenSource?.(source.url)}>
                {source.publisher}
              </button>
            </>
          ))}
        </p>
        <p class="hg-meta">
          {withParts(i18n.t('popover.reviewed', { date: '{date}' }), { date: <time dateTime={entry.reviewed}>{formatDate(entry.reviewed)}</time> })}
        </p>
        {onReport && (
          <p class="hg-report">
            <button type="button" class="hg-link-button" onClick={onReport}>
              {i18n.t('popover.report')}
            </button>
          </p>
        )}
      </footer>
    </>
  );
}

function availabilityText(availability: CompiledMedicine['availability']): string {
  if (availability === 'prescription') return i18n.t('medicine.availability.prescription');
  if (availability === 'over-the-counter') return i18n.t('medicine.availability.overTheCounter');
  return i18n.t('medicine.availability.both');
}

/** The facts every reader of a medicine needs, behind "More about it". */
function MedicineFacts({ medicine }: { medicine: CompiledMedicine }) {
  return (
    <dl class="hg-facts">
      <dt>{i18n.t('medicine.usedFor')}</dt>
      <dd lang={GLOSSARY_LANG}>{medicine.treats}</dd>
      <dt>{i18n.t('medicine.howYouGetIt')}</dt>
      <dd>{availabilityText(medicine.availability)}</dd>
      <dt>{i18n.t('medicine.status')}</dt>
      <dd lang={GLOSSARY_LANG}>{medicine.approval}</dd>
      <dt>{i18n.t('medicine.ages')}</dt>
      <dd lang={GLOSSARY_LANG}>{medicine.ages}</dd>
      <dt>{i18n.t('medicine.boxedWarnings')}</dt>
      <dd lang={medicine.boxedWarnings.length === 0 ? undefined : GLOSSARY_LANG}>
        {medicine.boxedWarnings.length === 0
          ? i18n.t('medicine.noBoxedWarnings')
          : medicine.boxedWarnings.map((w) => (
              <span class="hg-fact-line">
                <strong>{w.name}.</strong> {w.plain}
              </span>
            ))}
      </dd>
      <dt>{i18n.t('medicine.commonSideEffects')}</dt>
      <dd lang={GLOSSARY_LANG}>{medicine.sideEffects.common}</dd>
      <dt>{i18n.t('medicine.seriousSideEffects')}</dt>
      <dd lang={GLOSSARY_LANG}>{medicine.sideEffects.serious}</dd>
    </dl>
  );
}

function UnknownBody(props: { suggestions: readonly string[]; entries: PopoverProps['entries']; onFollow: (entryId: string) => void }) {
  const { suggestions, entries, onFollow } = props;
  const known = suggestions.filter((id) => entries.name(id) !== undefined);
  return (
    <>
      <p class="hg-short">{known.length > 0 ? i18n.t('popover.didYouMean') : i18n.t('popover.notInGlossary')}</p>
      {known.length > 0 && (
        <EntryChips ids={known} entries={entries} onFollow={onFollow} class="hg-suggestions" aria-label={i18n.t('popover.closest')} />
      )}
    </>
  );
}

function BackIcon() {
  return (
    <svg class="hg-flip-rtl" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <path d="M10 3 5 8l5 5" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" />
    </svg>
  );
}

function PinIcon() {
  return (
    <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <path
        d="M6 2h4l-.6 4.2L12 8.5V10H8.7L8 14.5 7.3 10H4V8.5l2.6-2.3z"
        fill="var(--hg-pin-fill, none)"
        stroke="currentColor"
        stroke-width="1.4"
        stroke-linejoin="round"
      />
    </svg>
  );
}

function CloseIcon() {
  return (
    <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <path d="m4 4 8 8M12 4l-8 8" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" />
    </svg>
  );
}

/** Entries as buttons that open them inside the popover (related terms, closest suggestions). */
function EntryChips(props: {
  ids: readonly string[];
  entries: PopoverProps['entries'];
  onFollow: (entryId: string) => void;
  class?: string;
  'aria-label'?: string;
  'aria-labelledby'?: string;
}) {
  const { ids, entries, onFollow, ...list } = props;
  return (
    <ul {...list}>
      {ids.map((id) => (
        <li key={id}>
          <button type="button" class="hg-chip" lang={GLOSSARY_LANG} onClick={() => onFollow(id)}>
            {entries.name(id)}
          </button>
        </li>
      ))}
    </ul>
  );
}
