/**
 * The sample's default warning rules (data/generator/rules.ts: 11 rules, one of every condition type) mapped onto
 * the scale set (scale-data.ts), whose indicators are S001..S200, each a copy of one of the sample's quarterly
 * indicators (S(k+1) copies quarterly spec k % 36). Scopes over every indicator, a unit or the composite apply as
 * written; a scope naming sample indicators names every scale copy of them instead. The sample's C08 (群众满意度)
 * is annual, so the scale set has no copy of it: R02 takes F02 (基层党组织标准化规范化达标率, %, 当期, values around
 * 80) instead, with its threshold (< 80, two periods running) unchanged. Conditions, levels and messages unchanged.
 */
import { INDICATORS } from '../../data/generator/indicators.js';
import { defaultWarningRules } from '../../data/generator/rules.js';
import type { WarningRule } from '../../shared/analytics/warning-rules.js';
import type { ScaleShape } from './scale-data.js';

const QUARTERLY = INDICATORS.filter((i) => i.basis !== '年度');

/** Sample indicators absent from the scale set (annual ones), and the quarterly indicator that stands in. */
export const SCALE_STAND_INS: Readonly<Record<string, string>> = { C08: 'F02' };

/** The scale set's copies of a sample indicator: S ids whose template is it (or its stand-in). */
export function scaleCopiesOf(sampleId: string, shape: ScaleShape): string[] {
  const id = SCALE_STAND_INS[sampleId] ?? sampleId;
  const ix = QUARTERLY.findIndex((q) => q.id === id);
  if (ix < 0) throw new Error(`no quarterly indicator ${id} in the scale set`);
  const out: string[] = [];
  for (let k = ix; k < shape.indicators; k += QUARTERLY.length) out.push(`S${String(k + 1).padStart(3, '0')}`);
  return out;
}

/** The default rule set on the scale set, and a line per rule saying what its scope became. */
export function scaleWarningRules(shape: ScaleShape): { rules: WarningRule[]; scopes: Record<string, string> } {
  const scopes: Record<string, string> = {};
  const rules = defaultWarningRules().map((r) => {
    const named = r.scope.indicators.filter((i) => i !== 'composite');
    const indicators = r.scope.indicators.flatMap((i) => (i === 'composite' ? [i] : scaleCopiesOf(i, shape)));
    const where = `${r.scope.level}${r.scope.byGroup ? ', ranks within each 考核分组' : ''}`;
    const what =
      r.condition.type === 'escalation'
        ? `escalation of ${r.condition.from?.join(', ') ?? `every ${r.condition.fromLevel} rule`}`
        : named.length
          ? `${named.map((i) => `${i}${SCALE_STAND_INS[i] ? ` (annual; stand-in ${SCALE_STAND_INS[i]})` : ''}`).join(', ')} → ${indicators.join(', ')}`
          : r.scope.indicators.includes('composite')
            ? 'the composite (综合得分)'
            : r.scope.unit
              ? `every indicator in ${r.scope.unit}`
              : 'every indicator';
    scopes[r.id] = `${r.name}: ${r.condition.type}, ${what}, ${where}`;
    return { ...r, scope: { ...r.scope, indicators } };
  });
  return { rules, scopes };
}
