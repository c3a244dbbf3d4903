/**
 * One page's glossary lifecycle: scanning and marking while the extension is on for this page,
 * and applying settings live. The pointer-to-popover side lives in PopoverController.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { CompiledGlossary } from '../../glossary/compiled';
import type { Matcher } from '../../lib/matcher/types';
import { TermMarks } from '../../lib/scanner/marks';
import { PageScanner } from '../../lib/scanner/page-scanner';
import type { Settings } from '../../lib/settings';
import { PopoverController } from './popover-controller';
import { UI_HOST_TAG } from './popover-ui';

export class GlossaryOnPage {
  private marks: TermMarks | undefined;
  private scanner: PageScanner | undefined;
  private readonly popover: PopoverController;

  constructor(
    private readonly ctx: ContentScriptContext,
    glossary: CompiledGlossary,
    private readonly matcher: Matcher,
    private settings: Settings,
  ) {
    this.popover = new PopoverController({ ctx, glossary, marks: () => this.marks, settings: () => this.settings });
    ctx.onInvalidated(() => this.stop());
  }

  /** Applies new settings live: starting, stopping or rescanning as needed. */
  update(settings: Settings): void {
    const previous = this.settings;
    this.settings = settings;
    if (!settings.enabled) {
      this.stop();
      return;
    }
    if (!this.scanner || previous.firstOnly !== settings.firstOnly) {
      this.stop();
      this.start();
    }
  }

  start(): void {
    if (!this.settings.enabled || this.scanner || !highlightsSupported()) return;
    this.marks = new TermMarks({
      registry: CSS.highlights,
      createHighlight: () => new Highlight(),
      createStaticRange: (init) => new StaticRange(init),
    });
    this.scanner = new PageScanner(
      {
        doc: document,
        matcher: this.matcher,
        marks: this.marks,
        scanOptions: { isExcluded: (el) => el.localName === UI_HOST_TAG },
        now: () => performance.now(),
        yieldToPage: () => new Promise((resolve) => this.ctx.setTimeout(() => resolve(), 0)),
        createStaticRange: (init) => new StaticRange(init),
      },
      { firstOnly: this.settings.firstOnly },
    );
    void this.scanner.start();
    this.popover.attach();
  }

  stop(): void {
    this.popover.detach();
    this.scanner?.stop();
    this.scanner = undefined;
    this.marks?.destroy();
    this.marks = undefined;
  }
}

function highlightsSupported(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';
}
