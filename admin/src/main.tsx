// Entry point of the admin page.
import { render } from 'preact';
import { App } from './app.tsx';
import './styles/base.css';
import './styles/forms.css';
import './styles/tables-pages.css';
import './styles/panels.css';
import './styles/field-map.css';
import './styles/robust-layout.css';
import './styles/onboarding.css';

const root = document.getElementById('app');
if (root) render(<App />, root);
