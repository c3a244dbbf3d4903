import { render } from 'preact';
import { PopupContainer } from '../../components/PopupApp';
import '../../components/settings-controls.css';
import '../../components/popup.css';

// "popup-rendered" marks the first frame that shows the settings (the e2e suite reports it next to
// the browser's first-contentful-paint), so the popup's opening speed is measured, not guessed.
render(
  <PopupContainer onFirstRender={() => requestAnimationFrame(() => performance.mark('popup-rendered'))} />,
  document.getElementById('app')!,
);
