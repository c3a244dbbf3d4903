/**
 * The definition card shown next to a hovered term. Presentational only: the content script owns
 * when it opens and where it sits.
 *
 * It is a non-modal dialog: it never takes focus when it opens (the reader is reading, not
 * navigating), and it is named by its heading so assistive tech announces the term.
 */
import type { CompiledEntry } from '../glossary/compiled';

export interface PopoverProps {
  entry: CompiledEntry;
  onPointerEnter?: () => void;
  onPointerLeave?: () => void;
}

const reviewedFormat = new Intl.DateTimeFormat('en', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });

export function Popover({ entry, onPointerEnter, onPointerLeave }: PopoverProps) {
  const headingId = `hg-term-${entry.id}`;
  return (
    <div
      class="hg-popover"
      role="dialog"
      aria-labelledby={headingId}
      aria-modal="false"
      onPointerEnter={onPointerEnter}
      onPointerLeave={onPointerLeave}
    >
      <header class="hg-header">
        <h2 id={headingId} class="hg-name">
          {entry.name}
        </h2>
        {entry.pronunciation && <p class="hg-pronunciation">{entry.pronunciation}</p>}
      </header>
      <p class="hg-short">{entry.short}</p>
      <footer class="hg-footer">
        <p class="hg-sources">
          <span class="hg-label">Source{entry.sources.length > 1 ? 's' : ''}: </span>
          {entry.sources.map((source, i) => (
            <>
              {i > 0 && ', '}
              <a href={source.url} title={source.title} target="_blank" rel="noopener noreferrer">
                {source.publisher}
              </a>
            </>
          ))}
        </p>
        <p class="hg-meta">
          Reviewed <time dateTime={entry.reviewed}>{reviewedFormat.format(new Date(entry.reviewed))}</time>
          {' · '}Information, not medical advice.
        </p>
      </footer>
    </div>
  );
}
