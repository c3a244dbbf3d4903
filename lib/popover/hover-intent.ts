/**
 * Decides when the popover opens and closes from where the pointer is. Pure state machine over
 * injected timers, so its timing rules are unit-tested without a browser.
 *
 * - Opens only after the pointer has rested on one term for `delayMs` (sweeping across a
 *   paragraph opens nothing: each new term restarts the wait).
 * - Stays open while the pointer travels from the term into the popover: leaving the term starts
 *   a `graceMs` countdown that entering the popover (or the term again) cancels. A term the
 *   pointer moved on to meanwhile still opens after its own delay.
 * - Escape closes at once.
 * - While held (the reader pinned the popover, or opened it by click, tap or keyboard), the pointer
 *   neither opens nor closes anything: the popover is the reader's until they dismiss it.
 */
export interface HoverIntentDeps<T> {
  delayMs: () => number;
  graceMs: number;
  setTimer: (fn: () => void, ms: number) => unknown;
  clearTimer: (handle: unknown) => void;
  onOpen: (target: T) => void;
  onClose: () => void;
}

export class HoverIntent<T> {
  private pending: T | undefined;
  private openTarget: T | undefined;
  private openTimer: unknown;
  private closeTimer: unknown;
  private inPopover = false;
  private held = false;

  constructor(private readonly deps: HoverIntentDeps<T>) {}

  get current(): T | undefined {
    return this.openTarget;
  }

  get isHeld(): boolean {
    return this.held;
  }

  /** Holds (or releases) the popover: see the class comment. Holding cancels pending timers. */
  hold(held: boolean): void {
    this.held = held;
    this.cancelOpen();
    this.cancelClose();
    this.pending = undefined;
    // Released while the pointer is away from the term and the popover: it closes as if just left.
    if (!held && this.openTarget !== undefined && !this.inPopover) this.scheduleClose();
  }

  /**
   * The pointer moved; `target` is the term under it, or undefined. `sinceMs`: how long ago the
   * pointer got there (hit-testing waits for the next frame), which counts towards the delay.
   */
  pointerOver(target: T | undefined, sinceMs = 0): void {
    if (this.held) return;
    if (target !== undefined && target === this.openTarget) {
      this.cancelClose();
      this.cancelOpen();
      return;
    }
    if (target !== this.pending) {
      this.cancelOpen();
      this.pending = target;
      if (target !== undefined) {
        this.openTimer = this.deps.setTimer(() => {
          this.openTimer = undefined;
          this.pending = undefined;
          this.open(target);
        }, Math.max(0, this.deps.delayMs() - sinceMs));
      }
    }
    if (this.openTarget !== undefined && !this.inPopover) this.scheduleClose();
  }

  pointerInPopover(inside: boolean): void {
    this.inPopover = inside;
    if (this.held) return;
    if (inside) {
      this.cancelClose();
      // Resting in the popover is not resting on a new term.
      this.cancelOpen();
      this.pending = undefined;
    } else if (this.openTarget !== undefined) {
      this.scheduleClose();
    }
  }

  /** Opens at once, e.g. from a keyboard command or a tap. */
  openNow(target: T): void {
    this.cancelOpen();
    this.pending = undefined;
    this.open(target);
  }

  close(): void {
    this.cancelOpen();
    this.cancelClose();
    this.pending = undefined;
    this.held = false;
    this.closeOpenTarget();
  }

  private open(target: T): void {
    this.cancelClose();
    this.openTarget = target;
    this.deps.onOpen(target);
  }

  private scheduleClose(): void {
    if (this.closeTimer !== undefined) return;
    this.closeTimer = this.deps.setTimer(() => {
      this.closeTimer = undefined;
      // Only the open popover goes: a term the pointer has moved straight on to keeps its wait.
      // (Cancelled here, that term would never open while the pointer rested on it.)
      this.closeOpenTarget();
    }, this.deps.graceMs);
  }

  private closeOpenTarget(): void {
    this.inPopover = false;
    if (this.openTarget !== undefined) {
      this.openTarget = undefined;
      this.deps.onClose();
    }
  }

  private cancelOpen(): void {
    if (this.openTimer !== undefined) this.deps.clearTimer(this.openTimer);
    this.openTimer = undefined;
  }

  private cancelClose(): void {
    if (this.closeTimer !== undefined) this.deps.clearTimer(this.closeTimer);
    this.closeTimer = undefined;
  }
}
