/**
 * Gives the main thread back to the page between slices of work, and resumes as soon as the page
 * has run what it had queued.
 *
 * scheduler.yield() is the purpose-made API; where it is missing, a MessageChannel round trip
 * does the same job. setTimeout(0) is avoided: browsers clamp nested timeouts to 4 ms and throttle
 * them to once a second in background tabs, which would stretch a first scan of a page opened in
 * the background from milliseconds to minutes. The channel is private to the extension's world:
 * the page sees no message.
 */
export function createYieldToPage(global: typeof globalThis = globalThis): () => Promise<void> {
  const scheduler = (global as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return () => scheduler.yield!();
  const channel = new global.MessageChannel();
  const waiting: (() => void)[] = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      channel.port2.postMessage(null);
    });
}
