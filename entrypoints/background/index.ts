import { defineBackground } from 'wxt/utils/define-background';
import { registerBadge } from './badge';
import { registerExplain } from './explain';
import { registerNavigation } from './navigation';
import { registerToolbarIcon } from './toolbar-icon';
import { registerWelcome } from './welcome';
import { registerSources } from './sources';

// Each feature of the background registers its own listeners in its own module, imported here,
// so features stay independent and each module can be tested with the fake browser.
export default defineBackground(() => {
  registerWelcome();
  registerBadge();
  registerNavigation();
  registerExplain();
  registerToolbarIcon();
  registerSources();
});
