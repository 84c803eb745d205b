import { create } from 'zustand';
import type { Connector } from '../../shared/db/connector.js';
import type { TableCount } from '../../shared/model/catalog.js';
import type { Locale } from '../../shared/i18n/messages.js';
import type { WorkspaceDocuments } from '../../shared/workspace/save.js';
import type { RegionLevel } from '../../shared/model/region-code.js';
import type { AuditHead } from '../../shared/workspace/audit-log.js';

export type EngineState =
  | { readonly status: 'starting' }
  /** Opening the embedded sample, or a saved workspace (the autosave: its passphrase may be asked for meanwhile). */
  | { readonly status: 'loading'; readonly what: 'sample' | 'workspace' }
  | {
      readonly status: 'ready';
      readonly db: Connector;
      readonly counts: readonly TableCount[];
      /** Bumped whenever the tables change (import, open), so every query runs again. */
      readonly dataVersion: number;
    }
  | { readonly status: 'error'; readonly message: string }
  /** The engine stopped during work (a wasm trap: out of memory): views are hidden, a restart recovers the autosave. */
  | { readonly status: 'crashed'; readonly message: string };

/**
 * The derived tables the views read at scale (shared/analytics/derived.ts): rebuilt in the background after every
 * load, import and undo; until then the views answer with their direct SQL (the same numbers, slower).
 */
export type DerivedStatus =
  | { readonly status: 'idle' | 'building' }
  | { readonly status: 'ready'; readonly ms: number; readonly rows: number }
  | { readonly status: 'failed'; readonly message: string };

/** Where the current workspace came from and where Ctrl+S writes it. */
export interface WorkspaceInfo {
  readonly name: string;
  readonly source: 'sample' | 'autosave' | 'file' | 'new';
  /** Fictional demonstration data (the embedded sample, or a copy of it): marked wherever it shows. */
  readonly demo: boolean;
  /** Opaque host token of the .hjw file to save back to; null until saved or opened from a file. */
  readonly location: string | null;
  readonly fileName: string | null;
  /** Changed since the last save to a file. */
  readonly dirty: boolean;
  readonly documents: WorkspaceDocuments;
  /** When the autosave it was recovered from was written (ISO), for the recovery notice. */
  readonly recoveredFrom: string | null;
  /** The audit log (audit.jsonl as stored; undefined: none yet) and the head its manifest had when opened. */
  readonly audit?: string;
  readonly auditHead?: AuditHead | null;
  /** Saved and autosaved encrypted (the key is held by state/crypt.ts, never here). */
  readonly encrypted?: boolean;
}

export type ViewId =
  | 'ranking'
  | 'compare'
  | 'trends'
  | 'heatmap'
  | 'map'
  | 'scores'
  | 'warnings'
  | 'honour'
  | 'roster'
  | 'packs'
  | 'import'
  | 'quality'
  | 'saved'
  | 'sql';

/**
 * What the analyses share: picking a region, indicator or period in one view picks it in the others, and the
 * selected region is highlighted everywhere. null: the view's own default (first indicator, newest period).
 */
export interface Selection {
  readonly indicator: string | null;
  readonly period: string | null;
  readonly region: string | null;
  readonly level: RegionLevel;
}

/** The parts of the state a projection borrows and gives back. */
export interface AppStateSnapshot {
  readonly view: ViewId;
  readonly selection: Selection;
  readonly viewParams: Partial<Record<ViewId, Readonly<Record<string, unknown>>>>;
  readonly maskNames: boolean;
}

interface AppState {
  selection: Selection;
  select(patch: Partial<Selection>): void;
  engine: EngineState;
  derived: DerivedStatus;
  setDerived(derived: DerivedStatus): void;
  /** Each view's own parameters (method, benchmark, …), kept here so that a saved view can restore them. */
  viewParams: Partial<Record<ViewId, Readonly<Record<string, unknown>>>>;
  setViewParam(view: ViewId, key: string, value: unknown): void;
  setViewParams(view: ViewId, params: Readonly<Record<string, unknown>>): void;
  workspace: WorkspaceInfo | null;
  locale: Locale;
  view: ViewId;
  /** No earlier workspace was found at start: the app offers new / open / sample. */
  firstStart: boolean;
  setFirstStart(firstStart: boolean): void;
  /** The 新建工作区 dialog is open. */
  askingNewWorkspace: boolean;
  /** The user chose to import into the sample anyway (asked again once another workspace is opened). */
  importIntoDemo: boolean;
  setImportIntoDemo(yes: boolean): void;
  setAskingNewWorkspace(open: boolean): void;
  setEngine(engine: EngineState): void;
  setWorkspace(workspace: WorkspaceInfo | null): void;
  patchWorkspace(patch: Partial<WorkspaceInfo>): void;
  setLocale(locale: Locale): void;
  setView(view: ViewId): void;
  /** The cadre whose profile (干部档案) is open, from any view; null: closed. */
  profileCadre: string | null;
  openProfile(cadreId: string | null): void;
  /** Names of people are shown masked (张*三): on by default in projection; change it through setNameMask (audited). */
  maskNames: boolean;
  /** The 审计日志 drawer is open. */
  auditOpen: boolean;
  setAuditOpen(open: boolean): void;
  /** Bumped by 重新计算 (after a cancelled or failed query): every view's queries run again. */
  queryRetry: number;
  retryQueries(): void;
}

/** App-wide state: the engine, the workspace, the language and the current view. View parameters live in the views. */
export const useAppStore = create<AppState>((set) => ({
  engine: { status: 'starting' },
  derived: { status: 'idle' },
  setDerived: (derived) => set({ derived }),
  viewParams: {},
  setViewParam: (view, key, value) => set((s) => ({ viewParams: { ...s.viewParams, [view]: { ...s.viewParams[view], [key]: value } } })),
  setViewParams: (view, params) => set((s) => ({ viewParams: { ...s.viewParams, [view]: params } })),
  selection: { indicator: null, period: null, region: null, level: 'county' },
  select: (patch) => set((s) => ({ selection: { ...s.selection, ...patch } })),
  workspace: null,
  locale: 'zh-CN',
  view: 'ranking',
  firstStart: false,
  setFirstStart: (firstStart) => set({ firstStart }),
  askingNewWorkspace: false,
  setAskingNewWorkspace: (askingNewWorkspace) => set({ askingNewWorkspace }),
  setEngine: (engine) => set({ engine }),
  setWorkspace: (workspace) =>
    set({ workspace, importIntoDemo: false, profileCadre: null, selection: { indicator: null, period: null, region: null, level: 'county' } }),
  importIntoDemo: false,
  setImportIntoDemo: (importIntoDemo) => set({ importIntoDemo }),
  patchWorkspace: (patch) => set((s) => (s.workspace ? { workspace: { ...s.workspace, ...patch } } : {})),
  setLocale: (locale) => set({ locale }),
  setView: (view) => set({ view }),
  profileCadre: null,
  openProfile: (profileCadre) => set({ profileCadre }),
  maskNames: false,
  auditOpen: false,
  setAuditOpen: (auditOpen) => set({ auditOpen }),
  queryRetry: 0,
  retryQueries: () => set((s) => ({ queryRetry: s.queryRetry + 1 })),
}));
