/** Escape text for HTML (tooltips, report HTML): names come from user files and must never become markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/**
 * A tagged template for HTML built from data (ECharts tooltips): every interpolated value is escaped, so no value,
 * a name, a unit or a formatted number, can become markup. Only the literal parts are HTML.
 */
export function html(strings: TemplateStringsArray, ...values: readonly (string | number | null | undefined)[]): string {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += escapeHtml(v === null || v === undefined ? '' : String(v)) + (strings[i + 1] ?? '');
  });
  return out;
}
