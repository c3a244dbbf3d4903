/**
 * "Report a problem with this definition": the report a reader composes on a card, and the
 * prefilled new-issue address on the project's tracker. Nothing here sends anything; the reader
 * copies the text or opens the address themselves.
 */

/** The project's repository (the manifest's homepage_url); issues are filed under it. */
export const PROJECT_URL = 'https://github.com/health-glossary/health-glossary';

/** A GitHub new-issue address with the title and body filled in; the body is cut to stay a usable URL. */
export function newIssueUrl(projectUrl: string, title: string, body: string, maxBodyLength = 4000): string {
  const url = new URL(`${projectUrl.replace(/\/+$/, '')}/issues/new`);
  url.searchParams.set('title', title);
  url.searchParams.set('body', body.length > maxBodyLength ? `${body.slice(0, maxBodyLength - 1)}…` : body);
  return url.href;
}

/** The report's lines, in order, as already-translated labels and the reader's words. */
export function reportText(lines: readonly string[], what: string): string {
  return [...lines, '', what.trim()].join('\n');
}
