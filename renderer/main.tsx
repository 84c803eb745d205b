import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import './app.css';
import { detectHost } from './host/host.js';
import { bootEngine } from './state/engine.js';
import { startResourceLog } from './state/resource-log.js';

// First: every request from here on is recorded for the offline self-test (帮助 → 离线自检).
startResourceLog();

// The entry is kept small: DuckDB's start (worker, wasm download and compilation, about a second) is the longest
// step of start-up, so it starts before the shell (React, Ant Design, ECharts and the views: most of the code) is
// even downloaded, and the two proceed side by side.
const host = detectHost();
bootEngine(host);

import('./shell.js').then(
  (shell) => shell.mountShell(host),
  (e: unknown) => {
    // No shell, no React: say so in plain DOM (the CSP allows no inline script, and none is needed).
    const root = document.getElementById('root');
    if (root) root.textContent = `衡鉴界面加载失败：${e instanceof Error ? e.message : String(e)}`;
  },
);
