/** The extension's keyboard shortcuts as the browser has them now, for the welcome and options pages. */
import { browser } from 'wxt/browser';
import type { ShortcutInfo } from '../../components/Shortcuts';

export async function readShortcuts(): Promise<ShortcutInfo[]> {
  // Firefox for Android has no commands API.
  if (!browser.commands?.getAll) return [];
  const commands = await browser.commands.getAll().catch(() => []);
  return commands.flatMap((c) => (c.name ? [{ name: c.name, shortcut: c.shortcut ?? '' }] : []));
}
