import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import './app.css';
import { App } from './App.js';
import { HostContext, detectHost } from './host/host.js';
import { bootEngine } from './state/engine.js';

const host = detectHost();
// DuckDB takes about a second to start: start it before React renders the shell.
bootEngine(host);

const root = document.getElementById('root');
if (!root) throw new Error('#root missing');
createRoot(root).render(
  <StrictMode>
    <HostContext.Provider value={host}>
      <App />
    </HostContext.Provider>
  </StrictMode>,
);
