import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterPageSettles, type SettlingWindow } from '../../lib/scanner/page-settled';

const TIMES = { pauseMs: 1000, idleTimeoutMs: 800 };

/** A window whose idle callbacks run when the test says the main thread is idle. */
function fakeWindow({ idleCallbacks = true } = {}) {
  const idle = new Map<number, { callback: () => void; timer: ReturnType<typeof setTimeout> }>();
  let nextId = 1;
  const view: SettlingWindow = {
    setTimeout: (handler, ms) => setTimeout(handler, ms) as unknown as number,
    clearTimeout: (id) => clearTimeout(id),
  };
  const run = (id: number): void => {
    const pending = idle.get(id);
    if (!pending) return;
    idle.delete(id);
    clearTimeout(pending.timer);
    pending.callback();
  };
  if (idleCallbacks) {
    view.requestIdleCallback = (callback, { timeout }) => {
      const id = nextId++;
      // The browser runs it at the first idle period, or once its timeout has passed.
      idle.set(id, { callback, timer: setTimeout(() => run(id), timeout) });
      return id;
    };
    view.cancelIdleCallback = (id) => {
      clearTimeout(idle.get(id)?.timer);
      idle.delete(id);
    };
  }
  const becomeIdle = (): void => {
    for (const id of [...idle.keys()]) run(id);
  };
  return { view, becomeIdle, pendingIdleCallbacks: () => idle.size };
}

/** Whether `promise` has settled, and with what, after the microtasks queued so far. */
async function state<T>(promise: Promise<T>): Promise<{ settled: boolean; value?: T }> {
  let result: { settled: boolean; value?: T } = { settled: false };
  void promise.then((value) => (result = { settled: true, value }));
  await Promise.resolve();
  await Promise.resolve();
  return result;
}

describe('afterPageSettles', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('waits out the pause, then starts at the first idle period', async () => {
    const { view, becomeIdle } = fakeWindow();
    const settled = afterPageSettles(view, new AbortController().signal, TIMES);
    becomeIdle();
    vi.advanceTimersByTime(TIMES.pauseMs - 1);
    expect(await state(settled)).toEqual({ settled: false });
    vi.advanceTimersByTime(1);
    expect(await state(settled)).toEqual({ settled: false });
    becomeIdle();
    expect(await state(settled)).toEqual({ settled: true, value: true });
  });

  it('starts after the idle timeout on a page that is never idle', async () => {
    const { view } = fakeWindow();
    const settled = afterPageSettles(view, new AbortController().signal, TIMES);
    vi.advanceTimersByTime(TIMES.pauseMs + TIMES.idleTimeoutMs - 1);
    expect(await state(settled)).toEqual({ settled: false });
    vi.advanceTimersByTime(1);
    expect(await state(settled)).toEqual({ settled: true, value: true });
  });

  it('starts after the pause where the browser has no idle callbacks', async () => {
    const { view } = fakeWindow({ idleCallbacks: false });
    const settled = afterPageSettles(view, new AbortController().signal, TIMES);
    vi.advanceTimersByTime(TIMES.pauseMs);
    expect(await state(settled)).toEqual({ settled: true, value: true });
  });

  it('answers false when aborted during the pause or the idle wait, and leaves nothing pending', async () => {
    for (const abortAfterMs of [TIMES.pauseMs / 2, TIMES.pauseMs + 1]) {
      const { view, becomeIdle, pendingIdleCallbacks } = fakeWindow();
      const abort = new AbortController();
      const settled = afterPageSettles(view, abort.signal, TIMES);
      vi.advanceTimersByTime(abortAfterMs);
      abort.abort();
      expect(await state(settled)).toEqual({ settled: true, value: false });
      expect(pendingIdleCallbacks()).toBe(0);
      expect(vi.getTimerCount()).toBe(0);
      becomeIdle();
    }
  });

  it('answers false at once when already aborted', async () => {
    const { view } = fakeWindow();
    const abort = new AbortController();
    abort.abort();
    expect(await state(afterPageSettles(view, abort.signal, TIMES))).toEqual({ settled: true, value: false });
    expect(vi.getTimerCount()).toBe(0);
  });
});
