// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { AboutSection, OptionsForm, SiteList } from '../../components/OptionsApp';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/settings';
import { uiTestRoot } from './ui-test-root';

// The options page's settings form (pure), its site list and the About section.

const root = uiTestRoot();

function showForm(settings: Partial<Settings> = {}) {
  const onChange = vi.fn();
  act(() => render(<OptionsForm settings={{ ...DEFAULT_SETTINGS, ...settings }} now={1000} onChange={onChange} />, root));
  return onChange;
}

function inputLabelled(text: string): HTMLInputElement {
  const label = [...root.querySelectorAll('label')].find((l) => l.textContent?.trim().startsWith(text));
  const input = label?.querySelector('input') ?? (label?.htmlFor ? (root.querySelector(`#${CSS.escape(label.htmlFor)}`) as HTMLInputElement | null) : null);
  if (!input) throw new Error(`no input labelled "${text}"`);
  return input;
}

function type(input: HTMLInputElement, text: string) {
  act(() => {
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('OptionsForm', () => {
  it('shows every setting with its stored value', () => {
    showForm({ markStyle: 'background', firstOnly: true, trigger: 'modifier', modifierKey: 'Shift', theme: 'dark', textSize: 'large', showBadge: false });
    expect(inputLabelled('Tinted background').checked).toBe(true);
    expect(inputLabelled('First occurrence only').checked).toBe(true);
    expect(inputLabelled('Hold a key').checked).toBe(true);
    expect(root.querySelector<HTMLSelectElement>('select')?.value).toBe('Shift');
    expect(inputLabelled('Dark').checked).toBe(true);
    expect(inputLabelled('Large').checked).toBe(true);
    expect(inputLabelled('Show how many terms').checked).toBe(false);
    expect(inputLabelled('Medicines').checked).toBe(true);
  });

  it('reports each change as a patch', () => {
    const onChange = showForm();
    act(() => inputLabelled('Solid underline').click());
    expect(onChange).toHaveBeenLastCalledWith({ markStyle: 'solid' });
    act(() => inputLabelled('Click a term').click());
    expect(onChange).toHaveBeenLastCalledWith({ trigger: 'click' });
    act(() => inputLabelled('Medicines').click());
    expect(onChange).toHaveBeenLastCalledWith({ categories: { ...DEFAULT_SETTINGS.categories, drug: false } });
    act(() => inputLabelled('Small').click());
    expect(onChange).toHaveBeenLastCalledWith({ textSize: 'small' });
    act(() => inputLabelled('Show how many terms').click());
    expect(onChange).toHaveBeenLastCalledWith({ showBadge: false });
  });

  it('asks for a key only with the modifier trigger, and a delay only without click', () => {
    showForm({ trigger: 'hover' });
    expect(root.querySelector('select')?.disabled).toBe(true);
    expect(root.querySelector<HTMLInputElement>('input[type="range"]')?.disabled).toBe(false);
    showForm({ trigger: 'click' });
    expect(root.querySelector<HTMLInputElement>('input[type="range"]')?.disabled).toBe(true);
    showForm({ trigger: 'modifier' });
    expect(root.querySelector('select')?.disabled).toBe(false);
  });

  it('stores the delay when the slider is released, not on every step', () => {
    const onChange = showForm();
    const slider = root.querySelector<HTMLInputElement>('input[type="range"]')!;
    expect(slider.min).toBe('100');
    expect(slider.max).toBe('2000');
    type(slider, '650');
    expect(root.querySelector('output')?.textContent).toBe('650 ms');
    expect(onChange).not.toHaveBeenCalled();
    act(() => void slider.dispatchEvent(new Event('change', { bubbles: true })));
    expect(onChange).toHaveBeenCalledWith({ hoverDelayMs: 650 });
  });

  it('restores defaults but keeps the site list and a running pause', () => {
    const onChange = showForm({ markStyle: 'none', disabledSites: ['a.org'], pausedUntil: 5000 });
    act(() => [...root.querySelectorAll('button')].find((b) => b.textContent === 'Restore default settings')!.click());
    expect(onChange).toHaveBeenCalledWith({ ...DEFAULT_SETTINGS, disabledSites: ['a.org'], pausedUntil: 5000 });
  });
});

describe('SiteList', () => {
  function showList(sites: string[]) {
    const onChange = vi.fn();
    act(() => render(<SiteList sites={sites} onChange={onChange} />, root));
    return onChange;
  }

  it('adds a typed site, normalised', () => {
    const onChange = showList(['nhs.uk']);
    type(inputLabelled('Add a site'), 'https://www.Example.com/page');
    act(() => void root.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })));
    expect(onChange).toHaveBeenCalledWith(['example.com', 'nhs.uk']);
    expect(inputLabelled('Add a site').value).toBe('');
  });

  it('refuses what is not a site and says so', () => {
    const onChange = showList([]);
    type(inputLabelled('Add a site'), 'my doctor');
    act(() => void root.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })));
    expect(onChange).not.toHaveBeenCalled();
    const alert = root.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('“my doctor” is not a website address');
    expect(inputLabelled('Add a site').getAttribute('aria-invalid')).toBe('true');
  });

  it('removes a site with a button named for it', () => {
    const onChange = showList(['a.org', 'b.org']);
    const remove = root.querySelector<HTMLButtonElement>('button[aria-label="Remove b.org"]');
    expect(remove?.textContent).toBe('Remove');
    act(() => remove!.click());
    expect(onChange).toHaveBeenCalledWith(['a.org']);
  });

  it('says when no site is off', () => {
    showList([]);
    expect(root.textContent).toContain('None. Health terms are explained on every site.');
  });
});

describe('AboutSection', () => {
  it('gives the glossary size, review policy and privacy promise', () => {
    act(() => render(<AboutSection entryCount={180} />, root));
    expect(root.textContent).toContain('The glossary has 180 entries.');
    expect(root.textContent).toContain('at least once a year');
    expect(root.textContent).toContain('no network requests');
    act(() => render(<AboutSection entryCount={1} />, root));
    expect(root.textContent).toContain('The glossary has 1 entry.');
  });
});
