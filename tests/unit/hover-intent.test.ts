import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HoverIntent } from '../../lib/popover/hover-intent';

function setup(delayMs = 400, graceMs = 300) {
  const events: string[] = [];
  const intent = new HoverIntent<string>({
    delayMs: () => delayMs,
    graceMs,
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    onOpen: (t) => events.push(`open:${t}`),
    onClose: () => events.push('close'),
  });
  return { intent, events };
}

describe('HoverIntent', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('opens only after the pointer rests for the delay', () => {
    const { intent, events } = setup();
    intent.pointerOver('a');
    vi.advanceTimersByTime(399);
    expect(events).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(events).toEqual(['open:a']);
  });

  it('counts the time since the pointer arrived towards the delay', () => {
    const { intent, events } = setup();
    intent.pointerOver('a', 16);
    vi.advanceTimersByTime(383);
    expect(events).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(events).toEqual(['open:a']);
  });

  it('opens nothing on a sweep across several terms', () => {
    const { intent, events } = setup();
    for (const t of ['a', undefined, 'b', undefined, 'c', undefined]) {
      intent.pointerOver(t);
      vi.advanceTimersByTime(100);
    }
    vi.advanceTimersByTime(2000);
    expect(events).toEqual([]);
  });

  it('stays open while the pointer travels into the popover within the grace period', () => {
    const { intent, events } = setup();
    intent.pointerOver('a');
    vi.advanceTimersByTime(400);
    intent.pointerOver(undefined);
    vi.advanceTimersByTime(200);
    intent.pointerInPopover(true);
    vi.advanceTimersByTime(5000);
    expect(events).toEqual(['open:a']);
    intent.pointerInPopover(false);
    vi.advanceTimersByTime(300);
    expect(events).toEqual(['open:a', 'close']);
  });

  it('closes after the grace period when the pointer leaves', () => {
    const { intent, events } = setup();
    intent.pointerOver('a');
    vi.advanceTimersByTime(400);
    intent.pointerOver(undefined);
    vi.advanceTimersByTime(299);
    expect(events).toEqual(['open:a']);
    vi.advanceTimersByTime(1);
    expect(events).toEqual(['open:a', 'close']);
  });

  it('moving straight from an open term to another opens the other after the delay, though the first closes meanwhile', () => {
    const { intent, events } = setup();
    intent.pointerOver('a');
    vi.advanceTimersByTime(400);
    intent.pointerOver('b');
    vi.advanceTimersByTime(300);
    expect(events).toEqual(['open:a', 'close']);
    // The pointer rests on b and reports nothing more: b's wait goes on regardless of a's close.
    vi.advanceTimersByTime(99);
    expect(events).toEqual(['open:a', 'close']);
    vi.advanceTimersByTime(1);
    expect(events).toEqual(['open:a', 'close', 'open:b']);
  });

  it('returning to the open term cancels the close', () => {
    const { intent, events } = setup();
    intent.pointerOver('a');
    vi.advanceTimersByTime(400);
    intent.pointerOver(undefined);
    vi.advanceTimersByTime(100);
    intent.pointerOver('a');
    vi.advanceTimersByTime(5000);
    expect(events).toEqual(['open:a']);
  });

  it('close() (Escape) closes at once and cancels a pending open', () => {
    const { intent, events } = setup();
    intent.pointerOver('a');
    vi.advanceTimersByTime(400);
    intent.close();
    expect(events).toEqual(['open:a', 'close']);
    intent.pointerOver('b');
    intent.close();
    vi.advanceTimersByTime(1000);
    expect(events).toEqual(['open:a', 'close']);
  });
});

describe('HoverIntent while held (pinned, or opened by click, tap or keyboard)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('leaving the term and the popover does not close a held popover', () => {
    const { intent, events } = setup();
    intent.pointerOver('a');
    vi.advanceTimersByTime(400);
    intent.hold(true);
    intent.pointerOver(undefined);
    intent.pointerInPopover(true);
    intent.pointerInPopover(false);
    vi.advanceTimersByTime(5000);
    expect(events).toEqual(['open:a']);
    expect(intent.isHeld).toBe(true);
  });

  it('resting on another term opens nothing while held', () => {
    const { intent, events } = setup();
    intent.openNow('a');
    intent.hold(true);
    intent.pointerOver('b');
    vi.advanceTimersByTime(5000);
    expect(events).toEqual(['open:a']);
    expect(intent.current).toBe('a');
  });

  it('holding cancels a close already under way, and releasing away from it closes after the grace period', () => {
    const { intent, events } = setup();
    intent.pointerOver('a');
    vi.advanceTimersByTime(400);
    intent.pointerOver(undefined);
    vi.advanceTimersByTime(200);
    intent.hold(true);
    vi.advanceTimersByTime(1000);
    expect(events).toEqual(['open:a']);
    intent.hold(false);
    vi.advanceTimersByTime(299);
    expect(events).toEqual(['open:a']);
    vi.advanceTimersByTime(1);
    expect(events).toEqual(['open:a', 'close']);
  });

  it('releasing while the pointer is in the popover keeps it open; close() releases', () => {
    const { intent, events } = setup();
    intent.openNow('a');
    intent.hold(true);
    intent.pointerInPopover(true);
    intent.hold(false);
    vi.advanceTimersByTime(2000);
    expect(events).toEqual(['open:a']);
    intent.hold(true);
    intent.close();
    expect(intent.isHeld).toBe(false);
    expect(events).toEqual(['open:a', 'close']);
  });
});
