/**
 * Renders the toolbar and store icons from the one vector source, assets/icon/icon.svg, with
 * Debian's Chromium (the browser the e2e tests drive), so the PNGs are reproducible:
 *
 *   public/icon/<size>.png           the icon (WXT puts these in the manifest's `icons`)
 *   public/icon-inactive/<size>.png  the same mark desaturated, for "off on this site" and "paused"
 *
 * `npm run icons` rewrites them; `npm run icons -- --preview FILE` also writes a sheet of every
 * size on a light and a dark toolbar colour, to look at before committing.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_EXECUTABLE, OFFLINE_CHROMIUM_ARGS } from '../tests/e2e/drivers/chromium';

export const ICON_SIZES = [16, 32, 48, 96, 128] as const;
const ROOT = join(import.meta.dirname, '..');
const SOURCE = join(ROOT, 'assets/icon/icon.svg');
const TEAL = '#0b7a70';
/** The inactive mark: the same shapes in a mid grey that reads on light and dark toolbars. */
const INACTIVE = '#7c828a';

const svg = readFileSync(SOURCE, 'utf8');
const variants = { icon: svg, 'icon-inactive': svg.replaceAll(TEAL, INACTIVE) } as const;

const browser = await chromium.launch({ executablePath: CHROMIUM_EXECUTABLE, args: [...OFFLINE_CHROMIUM_ARGS, '--disable-gpu'] });
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  const dataUrl = (text: string) => `data:image/svg+xml;base64,${Buffer.from(text).toString('base64')}`;
  for (const [name, text] of Object.entries(variants)) {
    for (const size of ICON_SIZES) {
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(`<style>html,body{margin:0;background:transparent}img{display:block}</style><img src="${dataUrl(text)}" width="${size}" height="${size}">`);
      await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
      const out = join(ROOT, 'public', name, `${size}.png`);
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
    }
  }

  const previewIndex = process.argv.indexOf('--preview');
  if (previewIndex >= 0) {
    const file = process.argv[previewIndex + 1] ?? 'icon-preview.png';
    // Chrome's light and dark toolbars, and Firefox's.
    const backgrounds = ['#ffffff', '#f1f3f4', '#dee1e6', '#35363a', '#202124', '#1c1b22'];
    const row = (name: keyof typeof variants) =>
      backgrounds
        .map(
          (bg) =>
            `<div style="background:${bg};padding:8px;display:flex;gap:12px;align-items:center">${ICON_SIZES.map(
              (s) => `<img src="${dataUrl(variants[name])}" width="${s}" height="${s}">`,
            ).join('')}</div>`,
        )
        .join('');
    await page.setViewportSize({ width: 420, height: 100 });
    await page.setContent(`<body style="margin:0">${row('icon')}${row('icon-inactive')}</body>`);
    await page.screenshot({ path: file, fullPage: true });
  }
} finally {
  await browser.close();
}
