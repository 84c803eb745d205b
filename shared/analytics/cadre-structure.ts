/**
 * 干部结构分析: the roster's structure at a reference date the user picks, overall and by unit or by region: age
 * bands, average age and the shares under 35 and under 40; 全日制/在职 education and degrees and the highest
 * education; gender, ethnicity, party; years in the current post; reaching retirement age within N years. Every
 * count is one DuckDB statement over the per-cadre facts (cadre-facts.ts states the date, age, unit and retirement
 * rules); cadres who started work after the reference date are left out and counted.
 */
import type { Connector } from '../db/connector.js';
import { quoteIdent, quoteValue, sql } from '../db/sql.js';
import { AGE_BANDS, cadreFactsTable, DEFAULT_RETIREMENT, DEGREES, EDU_LEVELS, POST_BANDS, referenceDate, type RetirementRule } from './cadre-facts.js';

export type StructureBy = 'unit' | 'region';

export interface StructureParams {
  /** Reference date YYYY-MM-DD. */
  readonly date: string;
  readonly by: StructureBy;
  /** N of "reaching retirement age within N years" (default 5). */
  readonly retireWithin?: number;
  readonly retirement?: RetirementRule;
}

export type DimensionId = 'age' | 'postYears' | 'ftEdu' | 'isEdu' | 'topEdu' | 'ftDegree' | 'isDegree' | 'gender' | 'ethnicity' | 'party' | 'retirement';

/** One statistic: counts per category, overall and for every group (aligned with StructureResult.groups). */
export interface StructureDimension {
  readonly id: DimensionId;
  readonly label: string;
  readonly categories: readonly string[];
  readonly overall: readonly number[];
  readonly byGroup: readonly (readonly number[])[];
}

/** A group (unit or region, or everybody): head count and the age summary (average and shares over known ages). */
export interface StructureGroup {
  readonly key: string;
  readonly name: string;
  readonly total: number;
  readonly ageKnown: number;
  readonly averageAge: number | null;
  readonly under35: number;
  readonly under40: number;
}

export interface StructureResult {
  readonly date: string;
  readonly by: StructureBy;
  readonly retireWithin: number;
  readonly retirement: RetirementRule;
  /** Everybody counted (the overall group). */
  readonly overall: StructureGroup;
  /** Largest first, then by name. */
  readonly groups: readonly StructureGroup[];
  readonly dimensions: readonly StructureDimension[];
  /** Cadres in the roster left out because they started work after the reference date. */
  readonly excludedNotStarted: number;
  /** The rules the numbers follow, in Chinese, for the page and the CLI. */
  readonly notes: readonly string[];
}

const DEGREE_CATS = [...DEGREES, '其他', '无'];
const DIMENSIONS: readonly { id: DimensionId; column: string; label: string; categories: (n: number) => readonly string[] }[] = [
  { id: 'age', column: 'age_band', label: '年龄', categories: () => AGE_BANDS },
  { id: 'postYears', column: 'post_band', label: '任现职年限', categories: () => POST_BANDS },
  { id: 'ftEdu', column: 'ft_edu_cat', label: '全日制学历', categories: () => [...EDU_LEVELS, '未知'] },
  { id: 'isEdu', column: 'is_edu_cat', label: '在职学历', categories: () => [...EDU_LEVELS, '无'] },
  { id: 'topEdu', column: 'top_edu_cat', label: '最高学历', categories: () => [...EDU_LEVELS, '未知'] },
  { id: 'ftDegree', column: 'ft_degree_cat', label: '全日制学位', categories: () => DEGREE_CATS },
  { id: 'isDegree', column: 'is_degree_cat', label: '在职学位', categories: () => DEGREE_CATS },
  { id: 'gender', column: 'gender_cat', label: '性别', categories: () => ['男', '女', '未知'] },
  { id: 'ethnicity', column: 'ethnicity_cat', label: '民族', categories: () => ['汉族', '少数民族', '未知'] },
  { id: 'party', column: 'party_cat', label: '政治面貌', categories: () => ['中共党员', '民主党派', '无党派人士', '共青团员', '群众', '其他', '未知'] },
  { id: 'retirement', column: 'retire_band', label: '到龄退休', categories: retireCategories },
];

/** The retirement categories for N years: reached at the date, within N years after it, later, unknown. */
export function retireCategories(n: number): readonly string[] {
  return ['已到退休年龄', `${n}年内到龄`, `${n}年后到龄`, '未知'];
}

/** The stated rules of a result, as the page and the CLI print them. */
export function structureNotes(date: string, n: number, r: RetirementRule, excluded: number): string[] {
  const sameAge = r.male === r.female;
  return [
    `基准日期 ${date}；年龄按周岁计，生日当天视为已满；出生日期只有年月的，出生当月即视为已满；只有年份的按当年1月计；出生日期缺失或无法识别的计入“未知”。`,
    '35岁以下、40岁以下指未满35、40周岁，占比以年龄已知人数为分母；平均年龄为周岁的平均。',
    '任现职年限按任现职时间至基准日的整月数计，分段为 [0,1)、[1,3)、[3,5)、[5,∞) 年；缺失或晚于基准日的计入“未知”。',
    `退休年龄按${sameAge ? `男女均${r.male}周岁` : `男${r.male}周岁、女${r.female}周岁`}${r.reform ? '，并按2025年渐进式延迟退休规定逐月延长（原60、55周岁者每4个月延长1个月，最多3年；原50周岁者每2个月延长1个月，最多5年）' : '（不计渐进式延迟）'}，按月计；${n}年内到龄指到龄月份在基准日所在月之后${n * 12}个月内。女干部按55周岁退休等情形请调整参数。`,
    '单位取未免职的现任职务（任职起始最晚者）所在单位，缺失时从现任职务文字中识别；地区取该任职的区划代码。',
    `名册中参加工作时间晚于基准日的干部不计入${excluded > 0 ? `（${excluded}人）` : ''}。`,
  ];
}

function retireBandSql(date: string, n: number): string {
  const ref = referenceDate(date).month;
  const [reached, within, later] = retireCategories(n);
  return sql`CASE WHEN retire_m IS NULL THEN '未知' WHEN retire_m <= ${ref} THEN ${reached ?? ''} WHEN retire_m <= ${ref + n * 12} THEN ${within ?? ''} ELSE ${later ?? ''} END`;
}

/** The group key and name columns of the facts for `by`. */
function groupSql(by: StructureBy): { key: string; name: string } {
  return by === 'unit' ? { key: 'unit', name: 'unit' } : { key: "coalesce(region_code, '')", name: 'region_name' };
}

/** The column of a category's count in structureSql: dimension and category by position. */
const countColumn = (d: number, c: number) => `c_${d}_${c}`;

/**
 * The one statement of a structure, over the facts table `facts`: per group g the head count, the age summary and
 * one count per dimension and category (countColumn); then one row with g NULL, the overall head count and age
 * summary, and the excluded count (the category counts of everybody are the groups' sums: every cadre counted is in
 * one group). One scan, one grouping by g: duckdb-wasm spent longer planning the former eleven grouping-set
 * aggregates in a UNION ALL, and grouping every count twice (GROUPING SETS with ()), than counting 10k cadres.
 */
export function structureSql(facts: string, p: StructureParams): string {
  const n = p.retireWithin ?? 5;
  const g = groupSql(p.by);
  const t = quoteIdent(facts);
  const columns = DIMENSIONS.filter((d) => d.id !== 'retirement').map((d) => quoteIdent(d.column));
  const counts = DIMENSIONS.flatMap((d, i) => d.categories(n).map((cat, c) => `count_if(${quoteIdent(d.column)} = ${quoteValue(cat)}) AS ${countColumn(i, c)}`));
  const ages = 'count(*) AS total, count(age) AS age_known, avg(age) AS avg_age, count_if(age < 35) AS u35, count_if(age < 40) AS u40';
  return `SELECT g, any_value(g_name) AS name, ${ages},
  ${counts.join(',\n  ')}
FROM (SELECT age, ${columns.join(', ')}, ${retireBandSql(p.date, n)} AS retire_band, ${g.key} AS g, ${g.name} AS g_name FROM ${t} WHERE working)
GROUP BY g
UNION ALL BY NAME
SELECT ${ages}, (SELECT count(*) FROM ${t} WHERE NOT working) AS excluded FROM ${t} WHERE working`;
}

/** Group names in Chinese order (what localeCompare(…, 'zh-CN') gives, without a collator per comparison). */
const ZH = new Intl.Collator('zh-CN');

/** The structure statistics (see the module comment). */
export async function cadreStructure(db: Connector, p: StructureParams): Promise<StructureResult> {
  const n = p.retireWithin ?? 5;
  if (!Number.isInteger(n) || n < 1 || n > 40) throw new Error(`到龄年数应为1～40之间的整数：${n}`);
  const retirement = p.retirement ?? DEFAULT_RETIREMENT;
  const facts = await cadreFactsTable(db, { date: p.date, retirement });
  const gr = await db.queryColumns(structureSql(facts, p));
  const num = (col: string, i: number) => gr.numbers[col]?.[i] ?? NaN;
  let overall: StructureGroup = { key: '', name: '全部', total: 0, ageKnown: 0, averageAge: null, under35: 0, under40: 0 };
  const groups: StructureGroup[] = [];
  /** The result row of each group, by key. */
  const rowOf = new Map<string, number>();
  let excluded = 0;
  for (let i = 0; i < gr.length; i++) {
    const key = gr.texts.g?.[i] ?? null;
    const avg = num('avg_age', i);
    const row = { key: key ?? '', name: key === null ? '全部' : (gr.texts.name?.[i] ?? key), total: num('total', i), ageKnown: num('age_known', i), averageAge: Number.isNaN(avg) ? null : avg, under35: num('u35', i), under40: num('u40', i) };
    if (key === null) {
      overall = row;
      excluded = num('excluded', i);
    } else {
      groups.push(row);
      rowOf.set(key, i);
    }
  }
  groups.sort((a, b) => b.total - a.total || ZH.compare(a.name, b.name) || a.key.localeCompare(b.key));
  const dims = DIMENSIONS.map((d, di) => {
    const categories = d.categories(n);
    const column = categories.map((_, c) => gr.numbers[countColumn(di, c)]);
    const byGroup = groups.map((x) => {
      const i = rowOf.get(x.key) as number;
      return column.map((col) => col?.[i] ?? 0);
    });
    const overallCounts = categories.map((_, c) => byGroup.reduce((sum, row) => sum + (row[c] ?? 0), 0));
    return { id: d.id, label: d.label, categories, overall: overallCounts, byGroup };
  });
  return { date: p.date, by: p.by, retireWithin: n, retirement, overall, groups, dimensions: dims, excludedNotStarted: excluded, notes: structureNotes(p.date, n, retirement, excluded) };
}

/** A share in per cent with one decimal, null when the denominator is zero. */
export function sharePct(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;
}
