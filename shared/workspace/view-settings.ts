/**
 * What the analyses keep in the workspace's 'views' document: national values the user entered (per indicator
 * and period, the benchmark of rankings and trends), the source note drawn on every exported chart (审图号) and the
 * watermark template of exports and projection.
 * The document is user JSON: read defensively, never trusted.
 */
export interface ViewSettings {
  /** indicator id → period → national value. */
  readonly national: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly sourceNote: string;
  /** The watermark template of every export and of projection ('' = DEFAULT_WATERMARK_TEMPLATE, see pack-types.ts). */
  readonly watermark: string;
}

const isObj = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);

/** The settings in a 'views' document (anything malformed is left out). */
export function readViewSettings(doc: unknown): ViewSettings {
  const national: Record<string, Record<string, number>> = Object.create(null) as Record<string, Record<string, number>>;
  const d = isObj(doc) ? doc : {};
  if (isObj(d.national))
    for (const [ind, byPeriod] of Object.entries(d.national)) {
      if (!isObj(byPeriod)) continue;
      const out: Record<string, number> = Object.create(null) as Record<string, number>;
      for (const [p, v] of Object.entries(byPeriod)) if (typeof v === 'number' && Number.isFinite(v)) out[p] = v;
      national[ind] = out;
    }
  return { national, sourceNote: typeof d.sourceNote === 'string' ? d.sourceNote.slice(0, 200) : '', watermark: typeof d.watermark === 'string' ? d.watermark.slice(0, 200) : '' };
}

/** The 'views' document with one national value set (null removes it); other keys of the document are kept. */
export function withNationalValue(doc: unknown, indicator: string, period: string, value: number | null): Record<string, unknown> {
  const base = isObj(doc) ? { ...doc } : {};
  const s = readViewSettings(doc);
  const mine = { ...(s.national[indicator] ?? {}) };
  if (value === null || !Number.isFinite(value)) delete mine[period];
  else mine[period] = value;
  return { ...base, national: { ...s.national, [indicator]: mine } };
}

/** The 'views' document with the source note set. */
export function withSourceNote(doc: unknown, note: string): Record<string, unknown> {
  return { ...(isObj(doc) ? doc : {}), sourceNote: note.slice(0, 200) };
}

/** The 'views' document with the watermark template set ('' restores the default). */
export function withWatermarkTemplate(doc: unknown, template: string): Record<string, unknown> {
  return { ...(isObj(doc) ? doc : {}), watermark: template.slice(0, 200) };
}
