/**
 * The offline self-test's report as files for the reviewer: the report as JSON (everything), and the same as a
 * plain-text and a self-contained HTML page (no script, no external reference), saved together in one folder.
 */
import { escapeHtml } from '../format/html.js';
import { ASSET_KINDS, CHECK_LABELS, KIND_LABELS, type OfflineReport } from './offline-check.js';

/** The ideographic space between the fields of a line. */
const GAP = '\u3000';

const HOST_LABELS = { electron: '桌面版（Electron）', browser: '浏览器' } as const;

function size(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} B`;
}

/** The report as plain text, one line per check and per file. */
export function offlineReportText(r: OfflineReport): string {
  const lines = [
    '衡鉴 离线自检报告',
    `结论：${r.verdict}`,
    `时间：${r.checkedAt}${GAP}版本：${r.appVersion}${GAP}宿主：${HOST_LABELS[r.host]}${GAP}地址：${r.appUrl}`,
    '',
    '检查项：',
    ...r.checks.map((c) => `  [${c.passed ? '通过' : '未通过'}] ${CHECK_LABELS[c.id]}：${c.detail}`),
  ];
  const lists: [string, readonly string[]][] = [
    ['页面中的外部地址', r.remoteInDocument],
    ['外部请求', r.remoteRequests],
    ['被拦截的请求', r.blocked?.urls ?? []],
    ['与清单不符的文件', r.mismatched],
  ];
  for (const [title, xs] of lists) if (xs.length > 0) lines.push('', `${title}：`, ...xs.map((x) => `  ${x}`));
  for (const k of ASSET_KINDS) {
    lines.push('', `${KIND_LABELS[k]}（${r.assets[k].length} 个）：`);
    for (const a of r.assets[k]) lines.push(`  ${a.path}${GAP}${size(a.bytes)}${GAP}SHA-256 ${a.sha256}${a.loaded ? `${GAP}已加载` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The report as one HTML page with no script and no external reference. */
export function offlineReportHtml(r: OfflineReport): string {
  const e = escapeHtml;
  const checks = r.checks.map((c) => `<tr><td>${e(CHECK_LABELS[c.id])}</td><td class="${c.passed ? 'ok' : 'bad'}">${c.passed ? '通过' : '未通过'}</td><td>${e(c.detail)}</td></tr>`).join('');
  const list = (title: string, xs: readonly string[]) => (xs.length === 0 ? '' : `<h2>${e(title)}</h2><ul>${xs.map((x) => `<li>${e(x)}</li>`).join('')}</ul>`);
  const assets = ASSET_KINDS.map(
    (k) =>
      `<h2>${e(KIND_LABELS[k])}（${r.assets[k].length} 个）</h2><table><tr><th>文件</th><th>大小</th><th>SHA-256</th><th>已加载</th></tr>${r.assets[k]
        .map((a) => `<tr><td>${e(a.path)}</td><td>${e(size(a.bytes))}</td><td class="hash">${e(a.sha256)}</td><td>${a.loaded ? '是' : ''}</td></tr>`)
        .join('')}</table>`,
  ).join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><title>衡鉴 离线自检报告</title><style>body{font-family:sans-serif;margin:24px}table{border-collapse:collapse;margin-bottom:12px}td,th{border:1px solid #ccc;padding:2px 6px;font-size:12px;text-align:left}.ok{color:#237804}.bad{color:#a8071a}.hash{font-family:monospace}</style></head><body><h1>衡鉴 离线自检报告：<span class="${r.verdict === '通过' ? 'ok' : 'bad'}">${e(r.verdict)}</span></h1><p>时间：${e(r.checkedAt)}${GAP}版本：${e(r.appVersion)}${GAP}宿主：${e(HOST_LABELS[r.host])}${GAP}地址：${e(r.appUrl)}</p><table><tr><th>检查项</th><th>结果</th><th>说明</th></tr>${checks}</table>${list('页面中的外部地址', r.remoteInDocument)}${list('外部请求', r.remoteRequests)}${list('被拦截的请求', r.blocked?.urls ?? [])}${list('与清单不符的文件', r.mismatched)}${assets}</body></html>\n`;
}

/** The three files saved for the reviewer (JSON, TXT, HTML), named by the check's time. */
export function offlineReportFiles(r: OfflineReport): { name: string; bytes: Uint8Array }[] {
  const enc = new TextEncoder();
  return [
    { name: '离线自检.json', bytes: enc.encode(`${JSON.stringify(r, null, 2)}\n`) },
    { name: '离线自检.txt', bytes: enc.encode(offlineReportText(r)) },
    { name: '离线自检.html', bytes: enc.encode(offlineReportHtml(r)) },
  ];
}
