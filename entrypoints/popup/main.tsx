import { render } from 'preact';
import { PopupContainer } from '../../components/PopupApp';
import '../../components/settings-controls.css';
import '../../components/popup.css';

// Marks for the popup's opening speed, reported by the e2e suite next to the browser's
// first-contentful-paint: when the script starts, and the first frame that shows the settings.
performance.mark('popup-script-start');
render(
  <PopupContainer onFirstRender={() => requestAnimationFrame(() => performance.mark('popup-rendered'))} />,
  document.getElementById('app')!,
);
