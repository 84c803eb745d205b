/**
 * The workspace's 'templates' document: overrides of the pack's sentence templates
 * ({ version: number, templates: { key: text } }, see shared/report/narrative-templates.ts). The document is user
 * JSON: it is validated whole, and an invalid one is refused with a Chinese message naming the template key, never
 * half-used (a pack printed from half the analyst's wording would be worse than an error).
 */
import { HengjianError } from '../contract/errors.js';
import { z } from '../contract/zod.js';
import { DEFAULT_TEMPLATES, placeholdersOf, type NarrativeTemplates } from '../report/narrative-templates.js';

/** Longest template text accepted. */
export const TEMPLATE_MAX_LENGTH = 200;

const documentSchema = z
  .object({
    version: z.number().int().min(1).max(1_000_000),
    templates: z.record(z.string(), z.unknown()),
  })
  .strict();

/** A template document that cannot be used (code 'templates.invalid'); `key` is the template at fault (null: the document's shape). */
export class TemplatesError extends HengjianError {
  constructor(
    message: string,
    readonly key: string | null,
  ) {
    super('templates.invalid', message, key === null ? {} : { key });
    this.name = 'TemplatesError';
  }
}

/**
 * The templates a pack uses: the defaults with the document's overrides (no document: the defaults). The version is
 * the document's. Throws TemplatesError for an unknown key, a non-text or empty or overlong text, or a placeholder
 * the key cannot fill.
 */
export function readTemplatesDocument(doc: unknown): NarrativeTemplates {
  if (doc === undefined || doc === null) return DEFAULT_TEMPLATES;
  const parsed = documentSchema.safeParse(doc);
  if (!parsed.success) throw new TemplatesError('叙述模板文档格式不对：应为 { "version": 正整数, "templates": { 模板键: 文本 } }', null);
  const out: Record<string, string> = { ...DEFAULT_TEMPLATES.templates };
  for (const [key, text] of Object.entries(parsed.data.templates)) {
    const base = Object.prototype.hasOwnProperty.call(DEFAULT_TEMPLATES.templates, key) ? DEFAULT_TEMPLATES.templates[key] : undefined;
    if (base === undefined) throw new TemplatesError(`叙述模板「${key.slice(0, 60)}」不存在（可改的模板见默认模板列表）`, key);
    if (typeof text !== 'string' || !text.trim()) throw new TemplatesError(`叙述模板「${key}」应为非空文本`, key);
    if (text.length > TEMPLATE_MAX_LENGTH) throw new TemplatesError(`叙述模板「${key}」过长（${text.length} 字，最多 ${TEMPLATE_MAX_LENGTH} 字）`, key);
    const allowed = placeholdersOf(base);
    const bad = placeholdersOf(text).filter((p) => !allowed.includes(p));
    if (bad.length)
      throw new TemplatesError(`叙述模板「${key}」使用了不可用的占位符${bad.map((p) => `{${p}}`).join('、')}（可用：${allowed.length ? allowed.map((p) => `{${p}}`).join('、') : '无'}）`, key);
    if (/[{}]/.test(text.replace(/\{[A-Za-z]+\}/g, ''))) throw new TemplatesError(`叙述模板「${key}」的花括号不成对`, key);
    out[key] = text;
  }
  return { version: parsed.data.version, templates: out };
}
