import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTarget, workspaceTarget } from '../../electron/node/workspace-target.js';
import { rosterPage } from '../../shared/analytics/roster.js';
import { columnCell, type Connector } from '../../shared/db/connector.js';
import { tableCsv, tableXlsx, type ExportTable } from '../../shared/format/table-export.js';
import { reportToCsv } from '../../shared/ingest/report.js';
import { buildPackFrom, packContext, type PackContext } from '../../shared/report/pack-model.js';
import { packHtml, packPrintText } from '../../shared/report/pack-html.js';
import { packXlsx } from '../../shared/report/pack-xlsx.js';
import { loadWorkspace } from '../../shared/workspace/load.js';
import { CADRE_FIXTURE } from '../support/cadre-fixture.js';
import { connectorFactories } from '../support/connectors.js';
import { SAMPLE_DIR } from '../support/sample-data.js';

/*
 * Scan tests: a planted ID number and phone number go through the real render and export paths (the roster as
 * XLSX and CSV, the import report CSV, a pack's model, HTML, print text and workbook, the pack made for projection)
 * and only the masked forms come out, unless the caller unmasked. The hidden digits are searched for in the bytes.
 */
const ID = '110101199001011234';
const ID_MASKED = '110101********1234';
const PHONE = '+86 138 2468 5791';
const PHONE_MASKED = '+86 138 **** 5791';

/** Every text inside an XLSX (all its XML parts). */
const xlsxText = (bytes: Uint8Array) => Object.values(unzipSync(bytes)).map((b) => strFromU8(b)).join('\n');
const csvText = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

function expectMasked(text: string) {
  expect(text).toContain(ID_MASKED);
  expect(text).toContain(PHONE_MASKED);
  expect(text).not.toContain('19900101');
  expect(text).not.toContain('2468');
}

describe('the import report CSV', () => {
  const issue = { file: '干部.xlsx', sheet: 'Sheet1', row: 2, column: '备注', value: `身份证 ${ID} 电话 ${PHONE}`, kind: 'rejected' as const, reason: `无法识别：${PHONE}` };
  it('holds only masked numbers, and the full ones when unmasked', () => {
    const input = { issues: [issue], sheets: [] };
    expectMasked(reportToCsv(input));
    const full = reportToCsv(input, [issue], { unmasked: true });
    expect(full).toContain(ID);
    expect(full).toContain(PHONE);
  });
});

for (const factory of connectorFactories) {
  describe(`the roster export on ${factory.name}`, () => {
    let db: Connector;
    beforeAll(async () => {
      db = await factory.create();
      await loadWorkspace(db, CADRE_FIXTURE.read);
    });
    afterAll(() => db.close());
    /** The roster table as RosterTable's export builds it: every column of the page. */
    const table = async (unmask: boolean): Promise<ExportTable> => {
      const p = await rosterPage(db, { date: '2025-06-15', sort: 'id', unmask });
      const cols = [...Object.keys(p.rows.texts), ...Object.keys(p.rows.numbers)];
      const n = p.rows.texts.cadre_id?.length ?? 0;
      return { sheetName: '干部名册', headers: cols, rows: Array.from({ length: n }, (_, i) => cols.map((c) => columnCell(p.rows, c, i))) };
    };
    it('XLSX and CSV carry the ID numbers 6 + 4 (K1 990105199006157458, K2 AB12345678901), full only when unmasked', async () => {
      const masked = await table(false);
      for (const text of [xlsxText(tableXlsx(masked)), csvText(tableCsv(masked))]) {
        expect(text).toContain('990105********7458');
        expect(text).toContain('AB1234***8901');
        expect(text).not.toContain('19900615');
        expect(text).not.toContain('AB12345678901');
      }
      const full = await table(true);
      for (const text of [xlsxText(tableXlsx(full)), csvText(tableCsv(full))]) expect(text).toContain('990105199006157458');
    });
  });

  describe(`a pack with numbers planted in the leader's post (sample workspace, ${factory.name})`, () => {
    let db: Connector;
    let ctx: PackContext;
    let code: string;
    let leaderName: string;
    beforeAll(async () => {
      db = await factory.create();
      const documents = (await openTarget(db, workspaceTarget(SAMPLE_DIR))).documents;
      const base = await packContext(db, '2025Q4', { watermark: { user: '张三', time: '2026-12-07 09:30', machine: 'PC-1' }, documents, demo: true, robustnessDraws: 0 });
      const t = base.targets.find((x) => [...x.leaderName].length === 3) ?? (base.targets[0] as (typeof base.targets)[number]);
      code = t.regionCode;
      leaderName = t.leaderName;
      ctx = { ...base, targets: base.targets.map((x) => (x === t ? { ...x, currentPost: `县委书记（身份证 ${ID}，电话 ${PHONE}）` } : x)) };
    }, 180_000);
    afterAll(() => db?.close());

    it('the model, HTML, print text and workbook hold only the masked numbers', async () => {
      const m = await buildPackFrom(ctx, { period: '2025Q4', regionCode: code });
      expect(m.leader?.post).toBe(`县委书记（身份证 ${ID_MASKED}，电话 ${PHONE_MASKED}）`);
      expectMasked(JSON.stringify(m));
      expectMasked(packHtml(m, [], { fontCss: '' }));
      expect(JSON.stringify(packPrintText(m))).not.toContain('19900101');
      expectMasked(xlsxText(packXlsx(m)));
      // Names are shown by the default profile.
      expect(m.leader?.name).toBe(leaderName);
    }, 120_000);

    it('made for projection (names hidden), the leader is 张*明 everywhere and the numbers stay masked', async () => {
      const m = await buildPackFrom({ ...ctx, opts: { ...ctx.opts, maskNames: true } }, { period: '2025Q4', regionCode: code });
      const chars = [...leaderName];
      const masked = `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
      expect(m.leader?.name).toBe(masked);
      for (const text of [JSON.stringify(m), packHtml(m, [], { fontCss: '' }), xlsxText(packXlsx(m))]) {
        expectMasked(text);
        expect(text).not.toContain(leaderName);
      }
    }, 120_000);
  });
}
