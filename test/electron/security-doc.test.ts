/**
 * docs/security.md cites tests as `file` › name / name …: every cited file exists (rows marked 进行中 excepted) and
 * every cited name (or each part of it around an ellipsis) is in that file, so the doc cannot cite a test that was
 * renamed or removed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const doc = fs.readFileSync(path.join(root, 'docs', 'security.md'), 'utf8');
const testFiles = fs.readdirSync(path.join(root, 'test'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.test.ts'));

/** A cited file: a path from the repo root, or a bare name found once under test/. */
function resolve(cited: string): string | null {
  if (cited.includes('/')) return fs.existsSync(path.join(root, cited)) ? cited : null;
  const hits = testFiles.filter((f) => path.basename(f) === cited);
  return hits.length === 1 ? `test/${hits[0]!}` : null;
}

const rows = doc.split('\n').filter((l) => l.includes('.test.ts`'));
const citations = rows.flatMap((row) =>
  [...row.matchAll(/`([\w/.-]+\.test\.ts)`(?:（[^）]*）)?(\s*›\s*[^|；，]+)?/g)].map((m) => ({ file: m[1]!, names: m[2] ?? '', pending: row.includes('进行中') })),
);

describe('docs/security.md', () => {
  it('cites at least the tests of this hardening work', () => {
    expect(citations.length).toBeGreaterThan(40);
  });

  it('cites only test files that exist (but those of work marked 进行中)', () => {
    const missing = citations.filter((c) => !c.pending && resolve(c.file) === null).map((c) => c.file);
    expect(missing).toEqual([]);
  });

  it('cites only test names that are in the cited file', () => {
    const absent: string[] = [];
    for (const c of citations) {
      const file = resolve(c.file);
      if (!file || !c.names) continue;
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      for (const name of c.names.split(/\s+[›/]\s+|^\s*›\s*/)) {
        const bare = name.replace(/（[^）]*）/g, '').replace(/\s*等\s*$/, '').trim();
        for (const part of bare.split('…').map((p) => p.trim()).filter((p) => p.length > 0)) {
          if (!text.includes(part)) absent.push(`${c.file}: ${part}`);
        }
      }
    }
    expect(absent).toEqual([]);
  });
});
