/**
 * 红黄榜 as a formatted page in 公文 habits (A4, 方正小标宋 title, 黑体 headings, 仿宋 body where installed, 内部资料
 * marking, tables with thead repeated on every printed page): printed from the browser or saved as .html. Every value
 * is escaped (html``); identity numbers never appear (entries carry names, codes and bases only).
 */
import type { HonourResult } from '../analytics/honour-lists-result.js';
import { html } from '../format/html.js';
import type { ExportTable } from '../format/table-export.js';
import { periodLabelZh } from '../model/period.js';
import { LIST_TYPES, type ListType } from '../model/vocab.js';
import type { ListEntry, ListSubject } from '../workspace/honour-lists.js';

const LEVEL_ZH = { county: '县级', city: '市级', province: '省级' } as const;
const SECTION = ['一', '二', '三', '四', '五', '六'];

/** The page's title: 2025年第三季度红黄榜. */
export function honourTitle(period: string): string {
  return `${periodLabelZh(period, '当期')}红黄榜`;
}

const CSS = `@page { size: A4; margin: 25mm 20mm 22mm; }
body { font-family: "FangSong", "仿宋", "STFangsong", "仿宋_GB2312", "Noto Serif SC", "Noto Sans SC", serif; font-size: 12pt; color: #000; margin: 0 auto; max-width: 180mm; }
.wm { position: fixed; bottom: 4mm; right: 6mm; color: #8c8c8c; font-size: 9pt; }
.mark { text-align: left; font-family: "SimHei", "黑体", "Noto Sans SC", sans-serif; font-size: 14pt; margin: 8mm 0 4mm; }
h1 { font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "SimSun", "宋体", "Noto Serif SC", "Noto Sans SC", serif; font-weight: normal; font-size: 22pt; text-align: center; margin: 6mm 0 2mm; }
.sub { text-align: center; font-size: 12pt; margin: 0 0 6mm; }
h2 { font-family: "SimHei", "黑体", "Noto Sans SC", sans-serif; font-weight: normal; font-size: 14pt; margin: 6mm 0 2mm; }
table { border-collapse: collapse; width: 100%; font-size: 10.5pt; page-break-inside: auto; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
th, td { border: 1px solid #000; padding: 3px 5px; vertical-align: top; }
th { font-family: "SimHei", "黑体", "Noto Sans SC", sans-serif; font-weight: normal; white-space: nowrap; }
td.nm { white-space: nowrap; }
td.n { text-align: center; white-space: nowrap; }
p.note { text-indent: 2em; line-height: 1.6; }`;

function table(entries: readonly ListEntry[], subject: ListSubject, entered: ReadonlySet<string>): string {
  if (!entries.length) return '<p class="note">（无）</p>';
  const head = subject === 'region' ? html`<tr><th>序号</th><th>地区</th><th>依据</th><th>事由</th><th>与上期比较</th></tr>` : html`<tr><th>序号</th><th>姓名</th><th>所在地区</th><th>依据</th><th>事由</th><th>与上期比较</th></tr>`;
  const rows = entries.map((e, i) => {
    const move = entered.has(`${e.listType}|${e.subject}|${e.id}`) ? '新上榜' : '连续上榜';
    const basis = `${e.basis}${e.manual ? '（人工）' : ''}`;
    return subject === 'region'
      ? html`<tr><td class="n">${i + 1}</td><td class="nm">${e.name}</td><td>${basis}</td><td>${e.reason}</td><td class="n">${move}</td></tr>`
      : html`<tr><td class="n">${i + 1}</td><td class="nm">${e.name}</td><td class="nm">${e.regionName ?? '—'}</td><td>${basis}</td><td>${e.reason}</td><td class="n">${move}</td></tr>`;
  });
  return `<table><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`;
}

/** The whole page as an HTML document (UTF-8). `version`: the published version shown, else 未发布. */
export function honourPageHtml(r: HonourResult, o: { generatedAt: string; workspaceName: string; demo?: boolean; watermark?: string }): string {
  const entered = new Set<string>();
  for (const t of LIST_TYPES) for (const s of ['region', 'cadre'] as const) for (const e of r.diff[t][s].entered) entered.add(`${t}|${s}|${e.id}`);
  const last = r.published.versions[r.published.versions.length - 1];
  const status = last ? (r.published.same ? `已发布第${last.version}版` : `现行计算结果（与已发布第${last.version}版不同）`) : '未发布（现行计算结果）';
  const sections: string[] = [];
  let k = 0;
  const name = (t: ListType, s: ListSubject) => `${s === 'region' ? '地区' : '干部'}${t}${t === '红榜' ? '（表扬）' : '（警示）'}`;
  for (const s of ['region', 'cadre'] as const) {
    for (const t of LIST_TYPES) {
      const xs = r.entries.filter((e) => e.listType === t && e.subject === s);
      sections.push(html`<h2>${SECTION[k++]}、${name(t, s)}（${xs.length}）</h2>` + table(xs, s, entered));
    }
  }
  const left = LIST_TYPES.flatMap((t) => (['region', 'cadre'] as const).flatMap((s) => r.diff[t][s].left.map((e) => `${e.name}（${t}·${s === 'region' ? '地区' : '干部'}）`)));
  sections.push(html`<h2>${SECTION[k++]}、与上季度比较</h2><p class="note">${r.previous.note}。退出榜单：${left.length ? left.join('、') : '无'}。</p>`);
  const notes = [
    `红榜为表扬榜，黄榜为警示榜。地区红榜按综合得分前${r.policy.perGroup === null ? `${r.policy.top}名` : `各考核分组前${r.policy.perGroup}名`}列入（符合黄榜条件者不列入）；黄榜列入触发红线预警、黄线预警${r.policy.yellowMin}条及以上或综合得分居后${r.policy.bottom}位（并列者均列入）的地区。干部榜单随所在地区一把手列入，另列入本季度有负面清单事项、诫勉或提醒函询${r.policy.reminders}次及以上的干部。`,
    ...(o.demo ? ['本页数据为示例数据，仅供演示。'] : []),
  ];
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${html`${honourTitle(r.period)}`}</title><style>${CSS}</style></head>
<body>
<div class="mark">内部资料 注意保存</div>
${o.watermark ? html`<div class="wm">${o.watermark}</div>` : ''}
${html`<h1>${honourTitle(r.period)}</h1><p class="sub">（${LEVEL_ZH[r.level]}榜单 · ${status} · ${o.workspaceName} · ${o.generatedAt}）</p>`}
${sections.join('\n')}
${notes.map((n) => html`<p class="note">${n}</p>`).join('\n')}
</body></html>
`;
}

/** Both lists of regions and cadres as one table for XLSX/CSV (cells neutralised by table-export). */
export function honourTable(r: HonourResult): ExportTable {
  const entered = new Set(LIST_TYPES.flatMap((t) => (['region', 'cadre'] as const).flatMap((s) => r.diff[t][s].entered.map((e) => `${t}|${s}|${e.id}`))));
  const rows = (['region', 'cadre'] as const).flatMap((s) =>
    LIST_TYPES.flatMap((t) =>
      r.entries
        .filter((e) => e.listType === t && e.subject === s)
        .map((e) => [
          t === '红榜' ? '红榜（表扬）' : '黄榜（警示）',
          s === 'region' ? '地区' : '干部',
          e.rank,
          e.name,
          s === 'region' ? e.id : (e.regionName ?? ''),
          e.basis,
          e.reason,
          e.manual ? '是' : '',
          entered.has(`${t}|${s}|${e.id}`) ? '新上榜' : '连续上榜',
        ]),
    ),
  );
  return { sheetName: honourTitle(r.period), headers: ['榜单', '类别', '名次', '名称', '区划代码/所在地区', '依据', '事由', '人工', '与上期比较'], rows };
}
