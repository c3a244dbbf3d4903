import { render } from 'preact';
import { PopupContainer } from '../../components/PopupApp';
import '../../components/popup.css';

render(<PopupContainer />, document.getElementById('app')!);
