/**
 * The hostile-input corpus of the export injection tests (test/shared/export-injection.test.ts,
 * test/electron/pdf-injection.test.ts): text from users' files that every output format must carry as inert text.
 */
export const HOSTILE_TEXTS: readonly string[] = [
  // Formula prefixes (OWASP CSV injection), with tab/CR/LF in front and a DDE payload.
  '=1+1',
  '+SUM(A1:A9)',
  '-2+3',
  '@cmd',
  '\t=1+1',
  '\r=1+1',
  '=HYPERLINK("http://x","点我")',
  "=cmd|' /C calc'!A0",
  // Markup.
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><b>粗</b>&amp;',
  ']]><!-- x -->',
  // XML-invalid controls and non-characters (dropped), also hiding a formula.
  'a\u0001b\u0008c\u000bd\ufffee\uffff',
  '\u0001=1+1',
  // Right-to-left override, 4-byte characters and emoji (kept).
  '\u202Eexe.txt',
  '𠀀𠀁',
  '😀👨‍👩‍👧',
];

/** What an output keeps of a hostile text: everything but the characters XML cannot carry (see xml-text.ts). */
export const KEPT_MARKERS = ['\u202Eexe.txt', '𠀀𠀁', '😀👨‍👩‍👧', '<script>alert(1)</script>', '=HYPERLINK("http://x","点我")'];
