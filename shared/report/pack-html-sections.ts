/**
 * The nine sections of the pack's HTML, in the order of pack-types.ts. Each returns markup built with html`` (every
 * value from the model escaped); charts are ECharts' own SVG, checked for anything active before it is inlined.
 */
import { compositeSentences } from './pack-office-text.js';
import { escapeHtml, html } from '../format/html.js';
import { formatGap, formatMove, formatRank, formatValue, gapUnit } from '../format/number.js';
import { periodLabelZh } from '../model/period.js';
import type { PackChart } from './pack-charts.js';
import type { PackIndicatorRow, PackModel } from './pack-types.js';

const NA = '暂缺';
const NUM = ['一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** Section heading: 一、… */
export const h2 = (i: number, title: string): string => html`<h2>${NUM[i - 1] ?? String(i)}、${title}</h2>`;

const rankText = (rank: number | null, tied: boolean): string => (rank === null ? NA : `${tied ? '并列' : ''}${formatRank(rank)}`);
const valueText = (v: number | null, unit: string | null): string => (v === null ? NA : formatValue(v, unit));
/** 同比: for % indicators the change is in 个百分点, otherwise a growth rate in %. */
const yoyText = (r: PackIndicatorRow): string => (r.yoy === null ? NA : r.unit === '%' ? `${formatGap(r.yoy, '%')}个百分点` : `${formatGap(r.yoy, '%')}%`);
const gapText = (r: PackIndicatorRow): string => (r.gap === null ? NA : `${formatGap(r.gap, r.unit)}${gapUnit(r.unit)}`);
/** better / worse than the benchmark, direction-aware (lower-is-better indicators are better below it). */
const gapClass = (r: PackIndicatorRow): string => (r.gap === null || r.gap === 0 ? '' : r.gap * r.direction > 0 ? 'better' : 'worse');
const dirText = (d: number): string => (d < 0 ? '越低越好' : '越高越好');

/** An ECharts SVG as it may be inlined: refused (a note instead) if it carries anything that could run. */
export function chartFigure(c: PackChart | undefined, n: number): string {
  if (!c) return '';
  // Only real tags are looked at: text in the SVG is escaped, so a name spelling "onerror=" stays text.
  const tags = c.svg.match(/<[^>]*>/g) ?? [];
  const active = tags.some((t) => /^<\s*\/?\s*(script|foreignObject|iframe|object|embed|image|use|a)\b/i.test(t) || /\son[a-z]+\s*=|javascript:|(?:href|src)\s*=\s*["']?(?!#)/i.test(t));
  const body = active ? html`<p class="muted">（图表未能安全生成）</p>` : c.svg;
  return `<figure class="chart" data-key="${escapeHtml(c.key)}" style="margin:2mm auto 4mm">${body}${html`<figcaption class="cap">图${n}\u3000${c.title}</figcaption>`}</figure>`;
}

/** 1 综合研判: the findings in the model's order. */
export function findingsSection(m: PackModel): string {
  const items = m.findings.length ? m.findings.map((f) => html`<li data-kind="${f.kind}">${f.text}</li>`).join('') : html`<li>${'本期无可生成的研判结论。'}</li>`;
  return `${h2(1, '综合研判')}<ol class="findings">${items}</ol>`;
}

/** 2 一把手基本情况: age, 任现职时间, years in post, the last three years' assessments. */
export function profileSection(m: PackModel): string {
  const l = m.leader;
  if (!l) return h2(2, '主要负责同志基本情况') + html`<p>${'本期该地区一把手信息暂缺。'}</p>`;
  const assess = l.assessments.length ? l.assessments.map((a) => `${a.year}年度${a.result}`).join('；') : NA;
  const rows: [string, string][] = [
    ['姓名', l.name],
    ['现任职务', l.post ?? NA],
    ['出生年月（年龄）', l.birthYm === null ? NA : `${l.birthYm}${l.age === null ? '' : `（${l.age}岁）`}`],
    ['任现职时间', l.since ?? NA],
    ['任现职年限', l.yearsInPost === null ? NA : `${formatValue(l.yearsInPost, null, 'zh-CN', 1)}年`],
    ['近三年年度考核', assess],
  ];
  return h2(2, '主要负责同志基本情况') + `<table class="profile"><tbody>${rows.map(([k, v]) => html`<tr><th style="width:32%">${k}</th><td>${v}</td></tr>`).join('')}</tbody></table>`;
}

/** 3 核心指标: the table (value, 同比, benchmark, gap, rank, move, completion) and one sentence per row. */
export function indicatorSection(m: PackModel): string {
  const rows = m.indicators;
  const same = rows.length > 0 && rows.every((r) => r.compared === rows[0]?.compared);
  const rankHead = same ? `位次（${rows[0]?.compared}个地区）` : '位次';
  const bench = [...new Set(rows.map((r) => r.benchmarkLabel))];
  const head = html`<tr><th>序号</th><th>指标</th><th>单位</th><th>本期值</th><th>同比</th><th>${bench.length === 1 ? bench[0] : '比较基准'}</th><th>差距</th><th>${rankHead}</th><th>较上季度</th><th>年度目标完成</th></tr>`;
  const body = rows
    .map((r, i) => {
      const name = r.direction < 0 ? `${r.name}（越低越好）` : r.name;
      const benchCell = r.benchmark === null ? NA : `${bench.length === 1 ? '' : `${r.benchmarkLabel} `}${formatValue(r.benchmark, r.unit)}`;
      const rank = `${rankText(r.rank, r.tied)}${same || r.rank === null ? '' : `/${r.compared}`}`;
      const done = r.completion === null ? '—' : `${formatValue(r.completion, '%')}%${r.schedule === null ? '' : `（时序${r.schedule}%）`}`;
      const moveClass = r.move === null || r.move === 0 ? '' : r.move > 0 ? 'better' : 'worse';
      return html`<tr><td class="c">${i + 1}</td><td><div class="nm">${name}</div></td><td class="c">${r.unit ?? ''}</td><td class="n">${valueText(r.value, r.unit)}</td><td class="n">${yoyText(r)}</td><td class="n">${benchCell}</td><td class="n ${gapClass(r)}">${gapText(r)}</td><td class="c">${rank}</td><td class="c ${moveClass}">${formatMove(r.move)}</td><td class="c">${done}</td></tr>`;
    })
    .join('');
  const sentences = m.indicatorSentences.map((s) => html`<p>${s}</p>`).join('');
  const cols = '<colgroup>' + [5, 17, 9, 9, 11, 8, 12, 9, 8, 12].map((w) => `<col style="width:${w}%">`).join('') + '</colgroup>';
  return `${h2(3, '核心指标')}<table class="indicators">${cols}<thead>${head}</thead><tbody>${body}</tbody></table>${sentences}`;
}

/** 4 走势: one chart per trend (8 quarters, the benchmark dashed, 任职起 marked). */
export function trendSection(m: PackModel, charts: readonly PackChart[], fig: () => number): string {
  const figs = m.trends.map((t) => chartFigure(charts.find((c) => c.key === `trend:${t.indicatorId}`), fig())).join('');
  return h2(4, '主要指标走势') + (figs || html`<p>${'本期无可绘制的走势。'}</p>`);
}

/** 5 同组比较: the composite ranking bar, the heat map and (with boundaries) the map. */
export function peersSection(m: PackModel, charts: readonly PackChart[], fig: () => number): string {
  const by = (k: string) => charts.find((c) => c.key === k);
  const intro = html`<p>比较范围：${m.peers.scopeLabel}，共${m.peers.regions.length}个地区。热力图颜色越暖表示相对越差、越冷表示相对越好（已按指标方向处理）。</p>`;
  const noMap = by('map') ? '' : html`<p class="muted">${'未导入边界数据，不绘制地图。'}</p>`;
  return h2(5, '同组比较') + intro + chartFigure(by('peers'), fig()) + chartFigure(by('heat'), fig()) + chartFigure(by('map'), fig()) + noMap;
}

/** 6 综合得分: score, rank (并列), move, the 排名稳健区间 and the radar of dimension scores. */
export function compositeSection(m: PackModel, charts: readonly PackChart[], fig: () => number): string {
  const c = m.composite;
  if (!c) return h2(6, '综合得分') + html`<p>${'本期未计算综合得分。'}</p>`;
  // The same sentences as the slides and the document: no movement in a first period, no rank when alone.
  const line = compositeSentences(c, m.peers.scopeLabel).map((s) => html`<p>${s}</p>`).join('');
  const dims = c.dimensions
    .map((d) => html`<tr><td>${d.name}</td><td class="n">${valueText(d.score, '分')}</td><td class="n">${valueText(d.average, '分')}</td><td class="n">${d.score === null || d.average === null ? NA : formatGap(d.score - d.average, '分')}</td></tr>`)
    .join('');
  const table = html`<table class="dims"><thead><tr><th>维度</th><th>得分</th><th>${m.peers.scopeLabel}平均</th><th>差距</th></tr></thead>` + `<tbody>${dims}</tbody></table>`;
  const radar = chartFigure(charts.find((x) => x.key === 'radar'), fig());
  return h2(6, '综合得分') + line + (radar ? `<div class="pair">${radar}<div>${table}</div></div>` : table);
}

function zTable(rows: readonly PackIndicatorRow[]): string {
  if (!rows.length) return html`<p>${'（无）'}</p>`;
  const body = rows
    .map((r) => html`<tr><td>${r.name}</td><td class="n">${valueText(r.value, r.unit)}${r.value === null ? '' : ` ${r.unit ?? ''}`}</td><td class="c">${rankText(r.rank, r.tied)}</td><td class="n ${gapClass(r)}">${gapText(r)}</td><td class="n">${r.z === null ? NA : formatGap(r.z, null, 'zh-CN', 2)}</td></tr>`)
    .join('');
  return `<table><thead>${html`<tr><th>指标</th><th>本期值</th><th>位次</th><th>与基准差距</th><th>标准分</th></tr>`}</thead><tbody>${body}</tbody></table>`;
}

/** 7 优势与短板: the top and bottom three by standardised score. */
export function strengthsSection(m: PackModel): string {
  return h2(7, '优势与短板') + html`<h3>${'（一）优势指标'}</h3>` + zTable(m.strengths) + html`<h3>${'（二）短板指标'}</h3>` + zTable(m.weaknesses);
}

/** 8 预警与红黄榜: warnings in force at the period's end and the 红黄榜 history, newest first. */
export function warningsSection(m: PackModel): string {
  const w = m.warnings.length
    ? `<table><thead>${html`<tr><th>等级</th><th>规则</th><th>预警内容</th><th>状态</th><th>起始期</th></tr>`}</thead><tbody>${m.warnings
        .map((x) => html`<tr><td class="c ${x.level === '红线' ? 'red' : 'worse'}">${x.level}</td><td>${x.ruleName}</td><td>${x.message}</td><td class="c">${x.status}</td><td class="c">${periodLabelZh(x.since, '当期')}</td></tr>`)
        .join('')}</tbody></table>`
    : html`<p>${'本期末无在列预警。'}</p>`;
  const l = m.lists.length
    ? `<table><thead>${html`<tr><th>期间</th><th>榜单</th><th>对象</th><th>事由</th></tr>`}</thead><tbody>${m.lists
        .map((x) => html`<tr><td class="c">${periodLabelZh(x.period, '当期')}</td><td class="c">${x.listType === '红榜' ? '红榜（表扬）' : '黄榜（警示）'}</td><td class="c">${x.subject === 'region' ? '地区' : '干部'}</td><td>${x.reason}</td></tr>`)
        .join('')}</tbody></table>`
    : html`<p>${'无红黄榜记录。'}</p>`;
  return h2(8, '预警与红黄榜') + html`<h3>${'（一）在列预警'}</h3>` + w + html`<h3>${'（二）红黄榜记录'}</h3>` + l;
}

/** 9 附录: definitions, data stage, cut-off, quality flags and the source (file, sheet, row) of every number. */
export function appendixSection(m: PackModel): string {
  const a = m.appendix;
  const defs = a.definitions
    .map((d) => html`<tr><td>${d.name}</td><td class="c">${d.dimension ?? '—'}</td><td class="c">${d.unit ?? '—'}</td><td class="c">${d.basis ?? '—'}</td><td class="c">${dirText(d.direction)}</td></tr>`)
    .join('');
  const quality = a.quality.length ? `<ul>${a.quality.map((q) => html`<li>${q.indicator}：${q.text}</li>`).join('')}</ul>` : html`<p>${'无数据质量提示。'}</p>`;
  const sources = a.sources
    .map((s) => html`<tr><td>${s.indicator}</td><td>${s.file}</td><td class="c">${s.sheet ?? '—'}</td><td class="c">${s.row === null ? '—' : s.row}</td></tr>`)
    .join('');
  return (
    h2(9, '附录') +
    html`<h3>${'（一）指标口径'}</h3>` +
    `<table><thead>${html`<tr><th>指标</th><th>维度</th><th>单位</th><th>口径</th><th>方向</th></tr>`}</thead><tbody>${defs}</tbody></table>` +
    html`<h3>（二）数据说明</h3><p>数据阶段：${a.dataStage}；数据截至：${a.cutoff}；表述模板第${m.templatesVersion}版。</p>` +
    html`<h3>${'（三）数据质量提示'}</h3>` +
    quality +
    html`<h3>${'（四）数据来源'}</h3>` +
    (sources ? `<table><thead>${html`<tr><th>指标</th><th>文件</th><th>工作表</th><th>行号</th></tr>`}</thead><tbody>${sources}</tbody></table>` : html`<p>${'（无）'}</p>`)
  );
}
