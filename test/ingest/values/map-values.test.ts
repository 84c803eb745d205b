import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../../shared/db/connector.js';
import { quoteValue } from '../../../shared/db/sql.js';
import { normalizeSql, normalizeValue, VALUE_KINDS, type Normalized, type ValueKind } from '../../../shared/ingest/values/values.js';
import { connectorFactories } from '../../support/connectors.js';

const v = (kind: ValueKind, raw: string | null): Normalized => normalizeValue(kind, raw);

describe('value normalisation (JS)', () => {
  it('reads numbers as Chinese tables write them', () => {
    expect(v('number', '12.5')).toEqual({ value: 12.5, status: 'ok', reason: null });
    expect(v('number', '１２３．４')).toMatchObject({ value: 123.4, status: 'corrected' });
    expect(v('number', '1,234.5')).toMatchObject({ value: 1234.5, status: 'corrected', reason: '按数值读入（去掉千位分隔符）' });
    expect(v('number', '１，２３４')).toMatchObject({ value: 1234, status: 'corrected' });
    expect(v('number', '12.3%')).toMatchObject({ value: 12.3, status: 'corrected' });
    expect(v('number', '１２．３％')).toMatchObject({ value: 12.3, status: 'corrected' });
    expect(v('number', ' +5 ')).toMatchObject({ value: 5, status: 'corrected' });
    expect(v('number', '\u22123.5')).toMatchObject({ value: -3.5, status: 'corrected' });
    expect(v('number', '－3.5')).toMatchObject({ value: -3.5, status: 'corrected' });
    expect(v('number', '1.5E+07')).toMatchObject({ value: 15000000, status: 'ok' });
    expect(v('number', '-0')).toMatchObject({ value: 0, status: 'ok' });
    for (const m of ['', '—', '--', '-', '－', '/', '／', '…', 'NULL', '无', '空', '　', ' — ']) {
      expect(v('number', m).value, m).toBeNull();
      expect(['empty', 'missing']).toContain(v('number', m).status);
    }
    expect(v('number', '—').status).toBe('missing');
    for (const e of ['#DIV/0!', ' #VALUE! ', '#REF!', '#NAME?', '＃ＮＵＭ！', '#NULL!', '#N/A']) expect(v('number', e), e).toMatchObject({ value: null, status: 'missing' });
    expect(v('number', '#DIV/0!').reason).toBe('公式错误值（如 #DIV/0!），按空值处理');
    expect(v('number', '#div/0!').status).toBe('rejected'); // Excel writes them upper case; nothing else is guessed
    expect(v('number', null).status).toBe('empty');
    expect(v('number', '1,23,4')).toMatchObject({ value: null, status: 'rejected', reason: '无法识别为数值' });
    expect(v('number', '12亿')).toMatchObject({ status: 'rejected' });
    expect(v('number', '0x10')).toMatchObject({ status: 'rejected' });
    expect(v('number', 'Infinity')).toMatchObject({ status: 'rejected' });
    expect(v('number', '9'.repeat(400))).toMatchObject({ status: 'rejected', reason: '数值超出可表示范围' });
    expect(v('integer', '3.5')).toMatchObject({ status: 'rejected', reason: '应为整数' });
  });

  it('keeps ID numbers as text and checks the GB 11643 check digit', () => {
    expect(v('id_no', '11010519491231002x')).toMatchObject({ value: '11010519491231002X', status: 'corrected' });
    expect(v('id_no', '11010519491231002X')).toMatchObject({ value: '11010519491231002X', status: 'ok' });
    expect(v('id_no', '110105194912310021')).toMatchObject({ value: '110105194912310021', status: 'warning' });
    expect(v('id_no', '110105491231002')).toMatchObject({ value: '110105491231002', status: 'ok' });
    expect(v('id_no', '1.10105E+17')).toMatchObject({ status: 'rejected' });
    expect(v('id_no', '12345')).toMatchObject({ status: 'rejected' });
    expect(v('id_no', '012345199001011237')).toMatchObject({ value: '012345199001011237' });
  });

  it('reads year-month fields in every spelling met', () => {
    for (const raw of ['1975.03', '1975.3', '197503', '19750312', '1975年3月', '1975-03-12', '1975/3', '1975年03月12日', '1975-03-12 00:00:00']) {
      expect(v('year_month', raw).value, raw).toBe('1975-03');
    }
    expect(v('year_month', '1975-03')).toMatchObject({ status: 'ok' });
    expect(v('year_month', '1975.1')).toMatchObject({ value: '1975-01', status: 'warning' });
    expect(v('year_month', '1975')).toMatchObject({ status: 'rejected', reason: '只有年份，缺少月份' });
    expect(v('year_month', '1975.13')).toMatchObject({ status: 'rejected', reason: '月份或日期无效' });
    expect(v('year_month', '1875.03')).toMatchObject({ status: 'rejected' });
    expect(v('date', '2025年2月30日')).toMatchObject({ status: 'rejected' });
    expect(v('date', '2024.2.29')).toMatchObject({ value: '2024-02-29', status: 'corrected' });
    expect(v('year', '2024年度')).toMatchObject({ value: 2024, status: 'corrected' });
  });

  it('reads codes, names and vocabularies', () => {
    expect(v('region_code', '３３０１０２')).toMatchObject({ value: '330102', status: 'corrected' });
    expect(v('region_code', '330102000000')).toMatchObject({ value: '330102', status: 'corrected' });
    expect(v('region_code', '330102')).toMatchObject({ value: '330102', status: 'ok' });
    expect(v('region_code', '100102')).toMatchObject({ status: 'rejected' });
    expect(v('name', '张　 三')).toMatchObject({ value: '张三', status: 'corrected' });
    expect(v('name', '甲 乙 丙 丁')).toMatchObject({ value: '甲乙丙丁' });
    expect(v('name', '阿卜杜拉·艾力')).toMatchObject({ status: 'ok' });
    expect(v('text', ' 县委\n书记 ')).toMatchObject({ value: '县委 书记', status: 'corrected' });
    expect(v('text', '县（市、区）')).toMatchObject({ value: '县（市、区）', status: 'ok' });
    expect(v('gender', 'M')).toMatchObject({ value: '男', status: 'ok' }); // a vocabulary spelling is read, not corrected
    expect(v('gender', '女　')).toMatchObject({ value: '女', status: 'corrected' });
    expect(v('boolean', '是')).toMatchObject({ value: true, status: 'ok' });
    expect(v('direction', '逆向')).toMatchObject({ value: -1 });
    expect(v('assessment', '2023年度考核基本称职')).toMatchObject({ value: '基本称职', status: 'corrected' });
    expect(v('assessment', '1')).toMatchObject({ value: '优秀' });
  });
});

/** Characters that exercise every branch: digits in both widths, separators, signs, markers, spaces, CJK. */
const TRICKY = [...'0123456789０１２３４５６７８９.．,，%％+-−－—–/／…eExX年月日度 \u3000\t\n\u00a0\ufeff\u200b男女是否正逆无空NUL:甲区县市'];
const trickyString = fc.string({ unit: fc.constantFrom(...TRICKY), maxLength: 14 });
const numberLike = fc
  .tuple(fc.constantFrom('', '+', '-', '−', '－', ' '), fc.integer({ min: 0, max: 99999999 }), fc.integer({ min: 0, max: 999 }), fc.boolean(), fc.constantFrom('', '%', '％', ' '))
  .map(([s, i, f, wide, p]) => {
    const t = `${s}${i.toLocaleString('en-US')}${f ? `.${f}` : ''}${p}`;
    return wide ? t.replace(/[0-9.,%]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)) : t;
  });
const dateLike = fc
  .tuple(fc.integer({ min: 1850, max: 2150 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), fc.constantFrom('.', '-', '/', '年', ''), fc.boolean())
  .map(([y, m, d, sep, pad]) => {
    const mm = pad ? String(m).padStart(2, '0') : String(m);
    if (sep === '年') return `${y}年${mm}月${d ? `${d}日` : ''}`;
    return `${y}${sep}${mm}${d % 3 === 0 ? '' : `${sep}${String(d).padStart(2, '0')}`}`;
  });
const idLike = fc
  .tuple(fc.stringMatching(/^[0-9]{17}$/), fc.constantFrom('0', '5', 'X', 'x', '', '12'))
  .map(([s, t]) => s + t);
const anyText = fc.string({ unit: 'binary', maxLength: 10 }).filter((s) => !s.includes('\u0000'));
const cell = fc.oneof(trickyString, numberLike, dateLike, idLike, anyText, fc.constantFrom(null, '', '—', '／', 'NULL', '1,234.5', '12.3%', '１９７５．０３', '#DIV/0!', ' #REF! ', '＃ＮＡＭＥ？'));

describe.each(connectorFactories)('value normalisation: JS and SQL agree on $name', (factory) => {
  let db: Connector;
  beforeAll(async () => {
    db = await factory.create();
  });
  afterAll(() => db.close());

  /** SQL results by raw text; one query per batch of unseen texts, since planning the 14 kinds costs ~0.25 s. */
  const cache = new Map<string | null, Record<ValueKind, Normalized>>();
  async function viaSql(raws: readonly (string | null)[]): Promise<void> {
    const todo = [...new Set(raws)].filter((r) => !cache.has(r));
    if (todo.length === 0) return;
    const rows = todo.map((r, i) => `(${i}, ${r === null ? 'NULL::VARCHAR' : quoteValue(r)})`).join(', ');
    const cols = VALUE_KINDS.map((k) => `${normalizeSql(k, 'raw')} AS "${k}"`).join(', ');
    const fields = VALUE_KINDS.map(
      (k) => `struct_extract("${k}", 'v') AS "${k}_v", struct_extract("${k}", 'st') AS "${k}_st", struct_extract("${k}", 'why') AS "${k}_why"`,
    );
    const res = await db.query(`SELECT i, ${fields.join(', ')} FROM (SELECT i, ${cols} FROM (VALUES ${rows}) t(i, raw)) ORDER BY i`);
    res.rows.forEach((r, i) => {
      const byKind = Object.fromEntries(VALUE_KINDS.map((k) => [k, { value: r[`${k}_v`] ?? null, status: r[`${k}_st`], reason: r[`${k}_why`] ?? null }]));
      cache.set(todo[i] as string | null, byKind as Record<ValueKind, Normalized>);
    });
  }

  it('gives the same value, status and reason for 1,000 random batches', async () => {
    const started = Date.now();
    const batches = fc.array(cell, { minLength: 1, maxLength: 20 });
    const params = { numRuns: 1000, seed: 20250930 };
    // The runs fast-check will make, computed in SQL at once; shrunk inputs (on failure) are queried as they come.
    await viaSql(fc.sample(batches, params).flat());
    await fc.assert(
      fc.asyncProperty(batches, async (raws) => {
        await viaSql(raws);
        for (const raw of raws) {
          for (const k of VALUE_KINDS) expect(cache.get(raw)?.[k], `${k} of ${JSON.stringify(raw)}`).toEqual(normalizeValue(k, raw));
        }
      }),
      params,
    );
    expect(cache.size).toBeGreaterThan(4000); // distinct texts checked in all 14 kinds
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 90_000);
});
