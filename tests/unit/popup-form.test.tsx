// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { PopupForm, type PopupFormProps, type TabTerms } from '../../components/PopupApp';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/settings';
import { uiTestRoot } from './ui-test-root';

const NOW = Date.UTC(2026, 0, 5, 12, 0, 0);
const TERMS: TabTerms = {
  state: 'ready',
  host: 'health.example.org',
  active: true,
  terms: [
    { entryId: 'alopecia-areata', name: 'Alopecia areata', short: 'An autoimmune condition that causes patchy hair loss.', count: 3 },
    { entryId: 'baricitinib', name: 'Baricitinib', short: 'A JAK inhibitor taken by mouth.', count: 1 },
  ],
};

const root = uiTestRoot();

function show(overrides: Partial<PopupFormProps> = {}, settings: Partial<Settings> = {}) {
  const props: PopupFormProps = {
    settings: { ...DEFAULT_SETTINGS, ...settings },
    host: 'health.example.org',
    tabTerms: TERMS,
    now: NOW,
    onChange: vi.fn(),
    onShowTerm: vi.fn(),
    onOpenOptions: vi.fn(),
    ...overrides,
  };
  act(() => render(<PopupForm {...props} />, root));
  return props;
}

function switchNamed(name: string): HTMLInputElement {
  const label = [...root.querySelectorAll('label')].find((l) => l.textContent?.includes(name));
  const input = label?.querySelector<HTMLInputElement>('input[role="switch"]');
  if (!input) throw new Error(`no switch "${name}" in: ${root.textContent}`);
  return input;
}

function buttonNamed(name: string): HTMLButtonElement {
  const button = [...root.querySelectorAll('button')].find((b) => b.textContent?.includes(name));
  if (!button) throw new Error(`no button "${name}" in: ${root.textContent}`);
  return button;
}

describe('PopupForm', () => {
  it('shows the site and both switches, labelled', () => {
    show();
    expect(root.querySelector('.site')?.textContent).toContain('health.example.org');
    expect(switchNamed('on every site').checked).toBe(true);
    expect(switchNamed('on health.example.org').checked).toBe(true);
    expect(root.querySelector('[role="status"]')?.textContent).toBe('On. Terms are marked; rest the pointer on one.');
  });

  it('turns the site off by adding it to the list, and on by removing what covers it', () => {
    const props = show();
    act(() => switchNamed('on health.example.org').click());
    expect(props.onChange).toHaveBeenCalledWith({ disabledSites: ['health.example.org'] });

    const off = show({}, { disabledSites: ['example.org', 'nhs.uk'] });
    expect(switchNamed('on health.example.org').checked).toBe(false);
    expect(root.querySelector('[role="status"]')?.textContent).toBe('Off on health.example.org.');
    act(() => switchNamed('on health.example.org').click());
    expect(off.onChange).toHaveBeenCalledWith({ disabledSites: ['nhs.uk'] });
  });

  it('turns everything off with the master switch and disables the site switch', () => {
    const props = show({}, { enabled: false });
    expect(switchNamed('on every site').checked).toBe(false);
    expect(switchNamed('on health.example.org').disabled).toBe(true);
    act(() => switchNamed('on every site').click());
    expect(props.onChange).toHaveBeenCalledWith({ enabled: true });
  });

  it('pauses for an hour, shows the time left, and resumes', () => {
    const props = show();
    act(() => buttonNamed('Pause for 1 hour').click());
    expect(props.onChange).toHaveBeenCalledWith({ pausedUntil: NOW + 60 * 60 * 1000 });

    const paused = show({}, { pausedUntil: NOW + 59 * 60_000 - 5_000 });
    expect(root.textContent).toContain('Paused, 59 min left');
    expect(root.querySelector('[role="status"]')?.textContent).toBe('Paused for 59 min.');
    act(() => buttonNamed('Resume now').click());
    expect(paused.onChange).toHaveBeenCalledWith({ pausedUntil: 0 });
  });

  it('lists the terms with their short definitions; choosing one asks to show it', () => {
    const props = show();
    expect(root.querySelector('#terms-heading')?.textContent).toBe('2 terms on this page');
    const items = [...root.querySelectorAll('.terms button')];
    expect(items.map((b) => b.querySelector('.term-name')?.textContent)).toEqual(['Alopecia areata', 'Baricitinib']);
    expect(items[1]?.textContent).toContain('A JAK inhibitor taken by mouth.');
    act(() => (items[1] as HTMLButtonElement).click());
    expect(props.onShowTerm).toHaveBeenCalledWith('baricitinib');
  });

  it('says why there is no list', () => {
    show({ tabTerms: { state: 'ready', host: 'a.org', active: true, terms: [] } });
    expect(root.textContent).toContain('No health terms found on this page.');
    show({ tabTerms: { state: 'ready', host: 'a.org', active: false, terms: [] } });
    expect(root.textContent).toContain('Turn the extension on to see the terms on this page.');
    show({ host: undefined, tabTerms: { state: 'unavailable' } });
    expect(root.textContent).toContain('Terms cannot be listed on this page.');
    expect(root.textContent).toContain('No website on this tab');
    expect(root.querySelectorAll('input[role="switch"]')).toHaveLength(1);
  });

  it('changes mark style and density from the quick controls', () => {
    const props = show();
    const [style, density] = [...root.querySelectorAll('select')];
    expect(style?.value).toBe('dotted');
    expect(density?.value).toBe('every');
    act(() => {
      style!.value = 'none';
      style!.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(props.onChange).toHaveBeenCalledWith({ markStyle: 'none' });
    act(() => {
      density!.value = 'first';
      density!.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(props.onChange).toHaveBeenCalledWith({ firstOnly: true });
    // Each select has a visible label tied to it.
    for (const select of [style!, density!]) expect(root.querySelector(`label[for="${select.id}"]`)?.textContent).toBeTruthy();
  });

  it('opens the options page', () => {
    const props = show();
    act(() => buttonNamed('All settings').click());
    expect(props.onOpenOptions).toHaveBeenCalled();
  });
});
