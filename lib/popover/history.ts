/**
 * What the popover is showing and how it got there: following a related term pushes, "back"
 * pops. Pure and immutable, so the Preact component keeps it in state and tests need no DOM.
 */
export interface PopoverHistory<T> {
  /** Oldest first; the last item is what the popover shows. Never empty. */
  readonly stack: readonly T[];
}

export function startHistory<T>(first: T): PopoverHistory<T> {
  return { stack: [first] };
}

export function currentOf<T>(history: PopoverHistory<T>): T {
  return history.stack[history.stack.length - 1]!;
}

export function canGoBack<T>(history: PopoverHistory<T>): boolean {
  return history.stack.length > 1;
}

/** Shows `next`; following a link to what is already shown changes nothing. */
export function follow<T>(history: PopoverHistory<T>, next: T, same: (a: T, b: T) => boolean = Object.is): PopoverHistory<T> {
  if (same(currentOf(history), next)) return history;
  return { stack: [...history.stack, next] };
}

/** One step back; at the start there is nowhere to go and the history is returned as is. */
export function back<T>(history: PopoverHistory<T>): PopoverHistory<T> {
  if (!canGoBack(history)) return history;
  return { stack: history.stack.slice(0, -1) };
}

/** The item "back" would return to, for the back button's accessible name. */
export function previousOf<T>(history: PopoverHistory<T>): T | undefined {
  return history.stack[history.stack.length - 2];
}
