/**
 * When a page's first scan starts: once the page has finished starting up.
 *
 * The content script runs when the page's document is ready, but the page's own start-up is still
 * under way: its scripts have just run and the engine compiles their hot functions on background
 * threads, the collector clears what parsing allocated, the first frames are painted. A scan
 * started then competes with all of that for the CPU (and the page's start-up with the scan).
 * So the first scan waits a short pause, then for an idle period of the main thread; a page that is
 * never idle gets its scan after a bounded wait all the same (docs/decisions/wait-for-the-page-to-
 * settle.md). Readers do not reach a term within a second of opening a page.
 */

/** What the wait needs of a window. */
export interface SettlingWindow {
  setTimeout(handler: () => void, ms: number): number;
  clearTimeout(id: number): void;
  requestIdleCallback?(callback: () => void, options: { timeout: number }): number;
  cancelIdleCallback?(id: number): void;
}

export interface SettleTimes {
  /** The pause before looking for an idle period, while the engine compiles the page's scripts. */
  pauseMs: number;
  /** The longest to then wait for an idle period, on a page that keeps its main thread busy. */
  idleTimeoutMs: number;
}

export const SETTLE_TIMES: SettleTimes = { pauseMs: 1000, idleTimeoutMs: 1000 };

/**
 * Resolves true once `times.pauseMs` have passed and then the main thread has been idle (or
 * `times.idleTimeoutMs` more have passed); false as soon as `signal` aborts, having cancelled what
 * it was waiting on.
 */
export function afterPageSettles(view: SettlingWindow, signal: AbortSignal, times: SettleTimes = SETTLE_TIMES): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve(false);
      return;
    }
    let cancelPending = (): void => {};
    const finish = (settled: boolean): void => {
      signal.removeEventListener('abort', onAbort);
      resolve(settled);
    };
    const onAbort = (): void => {
      cancelPending();
      finish(false);
    };
    signal.addEventListener('abort', onAbort);
    const waitForIdle = (): void => {
      // Browsers without idle callbacks (Safari) start after the pause.
      if (!view.requestIdleCallback) return finish(true);
      const id = view.requestIdleCallback(() => finish(true), { timeout: times.idleTimeoutMs });
      cancelPending = () => view.cancelIdleCallback?.(id);
    };
    const id = view.setTimeout(waitForIdle, times.pauseMs);
    cancelPending = () => view.clearTimeout(id);
  });
}
