/**
 * The office packs checked by outside tools: xmllint on every XML part (nested chart workbooks included), then
 * LibreOffice converts the PPTX and the DOCX to PDF once each and pdftoppm renders the pages to PNG under
 * test/e2e/artifacts/pack-office/ for a person to look at. Skips, saying why, when a tool is missing (LibreOffice
 * without Writer cannot open a DOCX: Debian's libreoffice-impress alone lacks it).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packDocx } from '../../../shared/report/pack-docx.js';
import { packPptx } from '../../../shared/report/pack-pptx.js';
import { packXlsx } from '../../../shared/report/pack-xlsx.js';
import { PACK_FIXTURE } from '../../fixtures/pack/pack-model.js';
import { gradientPng } from '../../fixtures/pack/tiny-png.js';
import { parts } from './ooxml-read.js';

const OUT = new URL('../../e2e/artifacts/pack-office/', import.meta.url).pathname;

function which(tool: string): string | null {
  const r = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

const xmllint = which('xmllint');
const soffice = which('soffice');
const poppler = which('pdftoppm') && which('pdfinfo') && which('pdftotext');
/** LibreOffice's Writer and Impress libraries beside the soffice binary. */
const officeModule = (lib: string) => soffice !== null && existsSync(join(dirname(realpathSync(soffice)), lib));

const images = new Map([
  ['heat', gradientPng(400, 240)],
  ['map', gradientPng(300, 300)],
  ['trend:GDPG', gradientPng(600, 300)],
  ['trend:REV', gradientPng(600, 300)],
  ['peers', gradientPng(500, 300)],
  ['radar', gradientPng(300, 300)],
]);

/** Writes the three packs once, timing each; the results are shared by the tests below. */
async function writePacks(): Promise<Record<'pptx' | 'docx' | 'xlsx', Uint8Array>> {
  mkdirSync(OUT, { recursive: true });
  const timed = async (name: string, f: () => Promise<Uint8Array> | Uint8Array) => {
    const t0 = performance.now();
    const bytes = await f();
    console.log(`pack-office: ${name} ${bytes.length} bytes in ${(performance.now() - t0).toFixed(0)} ms`);
    writeFileSync(join(OUT, name), bytes);
    return bytes;
  };
  return {
    pptx: await timed('pack-deck.pptx', () => packPptx(PACK_FIXTURE, images)),
    docx: await timed('pack-document.docx', () => packDocx(PACK_FIXTURE, images)),
    xlsx: await timed('pack-workbook.xlsx', () => packXlsx(PACK_FIXTURE)),
  };
}

describe('pack office files and outside tools', async () => {
  const packs = await writePacks();

  it.skipIf(!xmllint)('every XML and relationships part is well-formed for xmllint', () => {
    const dir = join(OUT, 'xml-parts');
    rmSync(dir, { recursive: true, force: true });
    const files: string[] = [];
    for (const [kind, bytes] of Object.entries(packs)) {
      for (const [name, data] of Object.entries(parts(bytes))) {
        if (!/\.(xml|rels)$/.test(name)) continue;
        const file = join(dir, kind, name.replace(/[!]/g, '_'));
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, data);
        files.push(file);
      }
    }
    // 3 packs; the deck alone has 10 slides, 10 notes and 5 charts each with an embedded workbook.
    expect(files.length).toBeGreaterThan(100);
    const r = spawnSync('xmllint', ['--noout', ...files], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
  if (!xmllint) console.log('pack-office: skipped the XML check: xmllint is not installed (apt: libxml2-utils)');

  const canRender = soffice !== null && poppler !== null;
  if (!canRender) console.log('pack-office: skipped rendering: soffice or poppler-utils (pdftoppm, pdfinfo, pdftotext) is not installed');

  /** Converts once with a 120 s timeout, renders every page at 50 dpi, returns the PDF's text and page count. */
  function render(file: string, prefix: string): { pages: number; text: string; size: string } {
    const outDir = join(OUT, `${prefix}-pdf`);
    rmSync(outDir, { recursive: true, force: true });
    const t0 = performance.now();
    execFileSync(soffice as string, ['--headless', '--convert-to', 'pdf', '--outdir', outDir, join(OUT, file)], { timeout: 120_000, stdio: 'pipe' });
    const pdf = join(outDir, file.replace(/\.\w+$/, '.pdf'));
    console.log(`pack-office: ${file} converted to PDF in ${(performance.now() - t0).toFixed(0)} ms`);
    execFileSync('pdftoppm', ['-png', '-r', '50', pdf, join(OUT, prefix)], { timeout: 60_000 });
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    return {
      pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1]),
      size: /Page size:\s+([^\n]*)/.exec(info)?.[1] ?? '',
      text: execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ''),
    };
  }

  it.skipIf(!canRender || !officeModule('libsdlo.so'))('LibreOffice renders the deck: 10 landscape slides with the Chinese text', () => {
    const r = render('pack-deck.pptx', 'slide');
    expect(r.pages).toBe(10);
    const [w, h] = (/([\d.]+) x ([\d.]+)/.exec(r.size) ?? []).slice(1).map(Number);
    expect((w as number) / (h as number)).toBeCloseTo(16 / 9, 2);
    for (const s of ['综合得分', '第2位', '个百分点', '内部资料张分析', 'HYPERLINK']) expect(r.text).toContain(s);
  }, 150_000);
  if (canRender && !officeModule('libsdlo.so')) console.log('pack-office: skipped the deck rendering: LibreOffice Impress is not installed');

  it.skipIf(!canRender || !officeModule('libswlo.so'))('LibreOffice renders the document on A4 with the findings', () => {
    const r = render('pack-document.docx', 'page');
    expect(r.pages).toBeGreaterThanOrEqual(4);
    expect(r.size).toContain('595.3'); // A4: 210 mm = 595.3 pt
    for (const s of ['内部资料', '一、总体情况', '并列第3位', '—1—', '图1地区生产总值增速走势']) expect(r.text).toContain(s);
    expect(readFileSync(join(OUT, 'page-1.png')).length).toBeGreaterThan(1000);
  }, 150_000);
  if (canRender && !officeModule('libswlo.so')) console.log('pack-office: skipped the document rendering: LibreOffice Writer is not installed (apt: libreoffice-writer)');
});
