/**
 * DrawingML text runs with the East Asian font and language set on every run: pptxgenjs leaves lang="en-US" and
 * only a latin typeface on chart titles, legends, axes and notes (its issue #1420), so PowerPoint and WPS pick a
 * Latin fallback for the Chinese and mis-wrap it. This rewrites every <a:rPr>, <a:defRPr> and <a:endParaRPr> of a
 * part: lang and altLang set, and latin/ea/cs typefaces placed where the schema wants them.
 */

const RUN_PROPS = /<a:(rPr|defRPr|endParaRPr)\b([^>]*?)(?:\/>|>([\s\S]*?)<\/a:\1>)/g;
/** Children of CT_TextCharacterProperties that come after latin/ea/cs, in schema order. */
const AFTER_FONTS = /<a:(sym|hlinkClick|hlinkMouseOver|rtl|extLst)\b/;

/** One part's XML with every run-property element carrying `lang` and the typeface as latin, ea and cs. */
export function setRunFonts(xml: string, typeface: string, lang = 'zh-CN'): string {
  const fonts = `<a:latin typeface="${typeface}"/><a:ea typeface="${typeface}"/><a:cs typeface="${typeface}"/>`;
  return xml.replace(RUN_PROPS, (_m, tag: string, attrs: string, inner: string | undefined) => {
    const kept = attrs.replace(/\s(lang|altLang)="[^"]*"/g, '');
    const open = `<a:${tag} lang="${lang}" altLang="en-US"${kept}>`;
    const body = (inner ?? '').replace(/<a:(latin|ea|cs)\b[^>]*?(\/>|>[\s\S]*?<\/a:\1>)/g, '');
    const at = body.search(AFTER_FONTS);
    const withFonts = at < 0 ? body + fonts : body.slice(0, at) + fonts + body.slice(at);
    return `${open}${withFonts}</a:${tag}>`;
  });
}

/** A theme part with its major and minor East Asian (and Latin) fonts set, so text without run fonts falls back right. */
export function setThemeFonts(xml: string, typeface: string): string {
  return xml
    .replace(/(<a:(?:majorFont|minorFont)>\s*)<a:latin typeface="[^"]*"/g, `$1<a:latin typeface="${typeface}"`)
    .replace(/<a:ea typeface="[^"]*"\/>/g, `<a:ea typeface="${typeface}"/>`)
    .replace(/<a:font script="Hans" typeface="[^"]*"\/>/g, `<a:font script="Hans" typeface="${typeface}"/>`);
}
