import { create } from 'zustand';
import type { Connector } from '../../shared/db/connector.js';
import type { TableCount } from '../../shared/analytics/catalog.js';
import type { Locale } from '../../shared/i18n/messages.js';

export type EngineState =
  | { readonly status: 'starting' }
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly db: Connector; readonly workspaceName: string; readonly counts: readonly TableCount[] }
  | { readonly status: 'error'; readonly message: string };

export type ViewId =
  | 'ranking'
  | 'trends'
  | 'heatmap'
  | 'map'
  | 'scores'
  | 'warnings'
  | 'honour'
  | 'roster'
  | 'packs'
  | 'import'
  | 'sql';

interface AppState {
  engine: EngineState;
  locale: Locale;
  view: ViewId;
  setEngine(engine: EngineState): void;
  setLocale(locale: Locale): void;
  setView(view: ViewId): void;
}

/** App-wide state: the engine, the language and the current view. View parameters live in the views. */
export const useAppStore = create<AppState>((set) => ({
  engine: { status: 'starting' },
  locale: 'zh-CN',
  view: 'ranking',
  setEngine: (engine) => set({ engine }),
  setLocale: (locale) => set({ locale }),
  setView: (view) => set({ view }),
}));
