/**
 * The card's "Report a problem with this definition": the reader says what is wrong; the card
 * composes a report (entry, review date, extension version, their words) to copy, or to open as a
 * prefilled issue on the project's tracker in a new tab. Nothing leaves the browser unless the
 * reader sends it.
 */
import { useId, useRef, useState } from 'preact/hooks';
import { i18n } from '#i18n';
import { formatDate } from './locale';
import type { CompiledEntry } from '../lib/compiled/compiled';
import { newIssueUrl, reportText } from '../lib/report';

export interface ReportContext {
  /** The extension's version (the manifest's). */
  version: string;
  /** The project's address (the manifest's homepage_url). */
  projectUrl: string;
}

export function composeReport(entry: CompiledEntry, context: ReportContext, what: string): { title: string; body: string } {
  const lines = [
    i18n.t('report.bodyEntry', { name: entry.name, id: entry.id }),
    i18n.t('report.bodyReviewed', { date: `${formatDate(entry.reviewed, { day: true })} (${entry.reviewed})` }),
    i18n.t('report.bodyVersion', { version: context.version }),
    '',
    i18n.t('report.bodyWhat'),
  ];
  return { title: i18n.t('report.title', { name: entry.name }), body: reportText(lines, what) };
}

export function ReportForm({
  entry,
  context,
  onDone,
  onOpen,
}: {
  entry: CompiledEntry;
  context: ReportContext;
  onDone: () => void;
  /**
   * Opens the prefilled report through the extension, as a card's sources open: a link on the page
   * would let the browser preconnect to the tracker when the reader only presses on it.
   */
  onOpen?: (url: string) => void;
}) {
  const [what, setWhat] = useState('');
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const whatId = useId();
  const previewRef = useRef<HTMLTextAreaElement>(null);
  const report = composeReport(entry, context, what);
  const text = `${report.title}\n\n${report.body}`;

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopyState('copied');
    } catch {
      // Pages that are not secure contexts have no async clipboard: select it for the reader.
      previewRef.current?.select();
      setCopyState(document.execCommand?.('copy') ? 'copied' : 'failed');
    }
  };

  return (
    <form class="hg-report-form" onSubmit={(event) => event.preventDefault()}>
      <h3 class="hg-label">{i18n.t('report.heading')}</h3>
      <p class="hg-report-intro">{i18n.t('report.intro')}</p>
      <label class="hg-field-label" for={whatId}>
        {i18n.t('report.whatLabel')}
      </label>
      <textarea
        id={whatId}
        class="hg-textarea"
        rows={3}
        value={what}
        placeholder={i18n.t('report.whatPlaceholder')}
        onInput={(event) => {
          setWhat(event.currentTarget.value);
          setCopyState('idle');
        }}
      />
      <textarea ref={previewRef} class="hg-textarea hg-report-preview" rows={6} readOnly value={text} aria-label={i18n.t('report.heading')} />
      <div class="hg-report-actions">
        <button type="button" class="hg-button" onClick={() => void copy()}>
          {i18n.t('report.copy')}
        </button>
        {onOpen ? (
          <button type="button" role="link" class="hg-button" onClick={() => onOpen(newIssueUrl(context.projectUrl, report.title, report.body))}>
            {i18n.t('report.open')}
          </button>
        ) : (
          <a class="hg-button" href={newIssueUrl(context.projectUrl, report.title, report.body)} target="_blank" rel="noopener noreferrer">
            {i18n.t('report.open')}
          </a>
        )}
        <button type="button" class="hg-button" onClick={onDone}>
          {i18n.t('report.cancel')}
        </button>
      </div>
      <p class="hg-report-status" role="status">
        {copyState === 'copied' ? i18n.t('report.copied') : copyState === 'failed' ? i18n.t('report.copyFailed') : ''}
      </p>
    </form>
  );
}
