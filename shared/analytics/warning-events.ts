/**
 * The 预警 view's events at any scale. A period's events are built once into an engine table (buildWarningEvents in
 * warnings.ts) and kept while the data (the derived generation), the rules and the national values stay the same;
 * the view then reads one page of them with its total (one statement), and the counts by level and the indicators
 * that fired (once per table and level). At 24M indicator rows a quarter holds ~493k events: handing them all to
 * JavaScript with their messages cost more than the evaluation itself, and a filter or page change re-ran both.
 */
import type { Connector } from '../db/connector.js';
import { derivedGeneration } from '../db/derived-state.js';
import type { WarningRule } from './warning-rules.js';
import { buildWarningEvents, eventFilterSql, readWarningEvents, readWarningPage, type EventFilter, type WarningEvent, type WarningEventsTable, type WarningsParams } from './warnings.js';

/** How many periods' events are kept per database (each a table of up to ~half a million rows at national scale). */
export const KEPT_PERIODS = 2;

interface Cache {
  generation: number;
  /** Oldest first; the promise settles when the table is built. */
  entries: Map<string, Promise<WarningEventsTable>>;
}

const caches = new WeakMap<Connector, Cache>();
let serial = 0;

async function dropBuilt(db: Connector, built: Promise<WarningEventsTable>): Promise<void> {
  const t = await built.catch(() => null);
  if (t?.table) await db.query(`DROP TABLE IF EXISTS ${t.table}`).catch(() => undefined);
}

/**
 * The events table of a period under these rules and national values: built on first use, then reused until the
 * stored tables change (an import, an undo, opening a workspace) or KEPT_PERIODS newer ones push it out.
 */
export function warningEventsOf(db: Connector, rules: readonly WarningRule[], params: Pick<WarningsParams, 'period' | 'national' | 'cancellable' | 'signal'>): Promise<WarningEventsTable> {
  let cache = caches.get(db);
  const generation = derivedGeneration(db);
  if (cache && cache.generation !== generation) {
    for (const built of cache.entries.values()) void dropBuilt(db, built);
    cache = undefined;
  }
  if (!cache) {
    cache = { generation, entries: new Map() };
    caches.set(db, cache);
  }
  const key = JSON.stringify([rules.filter((r) => r.enabled), params.period ?? null, params.national ?? null]);
  const hit = cache.entries.get(key);
  if (hit) {
    cache.entries.delete(key);
    cache.entries.set(key, hit);
    return hit;
  }
  const table = `hj_warn_kept_${(serial++).toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const built = buildWarningEvents(db, rules, params, table);
  cache.entries.set(key, built);
  // A failed build is not kept: the next call tries again.
  const own = cache;
  built.catch(() => own.entries.get(key) === built && own.entries.delete(key));
  while (cache.entries.size > KEPT_PERIODS) {
    const [oldest, value] = cache.entries.entries().next().value as [string, Promise<WarningEventsTable>];
    cache.entries.delete(oldest);
    void dropBuilt(db, value);
  }
  return built;
}

/** Forget (and drop) every kept events table of a database: e.g. when the engine is about to close. */
export async function forgetWarningEvents(db: Connector): Promise<void> {
  const cache = caches.get(db);
  caches.delete(db);
  for (const built of cache?.entries.values() ?? []) await dropBuilt(db, built);
}

export interface WarningsPageParams {
  readonly period: string;
  readonly national?: WarningsParams['national'];
  /** The region level of the rules shown (the view's level picker); absent: every rule. */
  readonly scopeLevel?: WarningRule['scope']['level'] | null;
  readonly level?: WarningRule['level'] | null;
  readonly indicatorId?: string | null;
  readonly regionCode?: string | null;
  /** Include 解除 events (default true). */
  readonly resolved?: boolean;
  readonly offset?: number;
  readonly limit?: number;
  /** An event to return whatever the page (the evidence panel's): `${ruleId}|${regionCode}|${indicatorId}`. */
  readonly picked?: string | null;
}

export interface WarningsPage {
  readonly rules: readonly WarningRule[];
  readonly periods: readonly string[];
  /** Events matching every filter (the table's row count). */
  readonly total: number;
  /** Within the rules of the scope level, every other filter left out (the pickers' badges). */
  readonly counts: { readonly red: number; readonly yellow: number; readonly resolved: number };
  /** The indicators with an event within the rules of the scope level, by id: [id, name]. */
  readonly indicators: readonly (readonly [string, string])[];
  readonly events: readonly WarningEvent[];
  readonly picked: WarningEvent | null;
}

/** One page of a period's events with the view's counts (see the module comment). */
export async function warningsPage(db: Connector, rules: readonly WarningRule[], p: WarningsPageParams): Promise<WarningsPage> {
  const built = await warningEventsOf(db, rules, { period: p.period, national: p.national });
  const ruleIds = p.scopeLevel ? built.rules.filter((r) => r.scope.level === p.scopeLevel).map((r) => r.id) : null;
  const filter: EventFilter = { ruleIds, level: p.level, indicatorId: p.indicatorId, regionCode: p.regionCode, resolved: p.resolved };
  const empty = { rules: built.rules, periods: built.periods, total: 0, counts: { red: 0, yellow: 0, resolved: 0 }, indicators: [], events: [], picked: null };
  if (!built.table) return empty;
  const { counts, indicators } = await scopeSummary(db, built, ruleIds);
  const { total, events } = await readWarningPage(db, built, filter, { offset: p.offset ?? 0, limit: p.limit ?? 50 });
  let picked: WarningEvent | null = null;
  const [ruleId, regionCode, indicatorId] = (p.picked ?? '').split('|');
  if (ruleId && regionCode && indicatorId) {
    picked = events.find((e) => e.ruleId === ruleId && e.regionCode === regionCode && e.indicatorId === indicatorId) ?? (await readWarningEvents(db, built, { ruleIds: [ruleId], regionCode, indicatorId }, { offset: 0, limit: 1 }))[0] ?? null;
  }
  return { ...empty, total, counts, indicators, events, picked };
}

type ScopeSummary = Pick<WarningsPage, 'counts' | 'indicators'>;
const summaries = new WeakMap<WarningEventsTable, Map<string, Promise<ScopeSummary>>>();

/** The counts by level and the fired indicators of a kept table within some rules: once per table and rules. */
function scopeSummary(db: Connector, built: WarningEventsTable, ruleIds: readonly string[] | null): Promise<ScopeSummary> {
  let memo = summaries.get(built);
  if (!memo) summaries.set(built, (memo = new Map()));
  const key = JSON.stringify(ruleIds);
  const hit = memo.get(key);
  if (hit) return hit;
  const scoped = eventFilterSql({ ruleIds });
  const run = (async (): Promise<ScopeSummary> => {
    const c = await db.query(
      `SELECT count(*) FILTER (WHERE level = '红线' AND status <> '解除') AS red, count(*) FILTER (WHERE level = '黄线' AND status <> '解除') AS yellow, ` +
        `count(*) FILTER (WHERE status = '解除') AS resolved FROM ${built.table} ${scoped}`,
    );
    const ind = await db.query(`SELECT indicator_id, any_value(indicator_name) AS name FROM ${built.table} ${scoped} GROUP BY indicator_id ORDER BY indicator_id`);
    const row = c.rows[0] ?? {};
    return {
      counts: { red: Number(row.red ?? 0), yellow: Number(row.yellow ?? 0), resolved: Number(row.resolved ?? 0) },
      indicators: ind.rows.map((r) => [String(r.indicator_id), String(r.name)] as const),
    };
  })();
  memo.set(key, run);
  run.catch(() => memo.get(key) === run && memo.delete(key));
  return run;
}

/** Every event of a period matching the view's filters (its export), from the kept table. */
export async function warningsAll(db: Connector, rules: readonly WarningRule[], p: Omit<WarningsPageParams, 'offset' | 'limit' | 'picked'>): Promise<WarningEvent[]> {
  const built = await warningEventsOf(db, rules, { period: p.period, national: p.national });
  const ruleIds = p.scopeLevel ? built.rules.filter((r) => r.scope.level === p.scopeLevel).map((r) => r.id) : null;
  return readWarningEvents(db, built, { ruleIds, level: p.level, indicatorId: p.indicatorId, regionCode: p.regionCode, resolved: p.resolved });
}

/** The event key the view and warningsPage's `picked` use. */
export const warningEventKey = (e: Pick<WarningEvent, 'ruleId' | 'regionCode' | 'indicatorId'>): string => `${e.ruleId}|${e.regionCode}|${e.indicatorId}`;
