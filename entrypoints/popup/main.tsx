import { render } from 'preact';
import { i18n } from '#i18n';
import { PopupContainer } from '../../components/PopupApp';
import '../../components/settings-controls.css';
import '../../components/popup.css';

// Marks for the popup's opening speed, reported by the e2e suite next to the browser's
// first-contentful-paint: when the script starts, and the first frame that shows the settings.
performance.mark('popup-script-start');
document.title = i18n.t('app.name');
document.documentElement.lang = i18n.t('locale.code');
render(
  <PopupContainer onFirstRender={() => requestAnimationFrame(() => performance.mark('popup-rendered'))} />,
  document.getElementById('app')!,
);
