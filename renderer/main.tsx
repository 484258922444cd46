// Renderer entry: connects the workstation API (Electron preload or browser host), starts the store
// and i18n, and mounts the app. Shows a plain message if the page was opened without its bridge.
import { createRoot } from 'react-dom/client';
import { StrictMode } from 'react';
import { MissingBridgeError, connectBridge } from './api/bridge';
import { App } from './App';
import { initI18n, i18n, preferredLanguage } from './i18n';
import { startStore } from './store';
import './styles/fonts.css';
import './styles/app.css';
import './styles/desktop.css';

async function main(): Promise<void> {
  await initI18n(preferredLanguage());
  // The bundled Traditional Chinese face loads when Chinese text shows (unicode-range) or once signed in
  // (Workspace): the sign-in page stays free of its 5.7 MB.
  const root = createRoot(document.getElementById('root') as HTMLElement);
  try {
    startStore(await connectBridge());
  } catch (error) {
    if (!(error instanceof MissingBridgeError)) throw error;
    root.render(
      <main className="fatal" role="alert">
        <h1>{i18n.t('app.title')}</h1>
        <p>{i18n.t('app.noBridge')}</p>
      </main>,
    );
    return;
  }
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

void main();
