import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSample } from './sample.js';

/** `npm run sample`: regenerate data/sample/ (byte-identical on every run). */

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'sample');
const sample = generateSample();

mkdirSync(join(root, 'tables'), { recursive: true });
for (const [path, text] of sample.files) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text, 'utf8');
}
// Remove files a previous version wrote that are no longer generated.
for (const dir of ['', 'tables']) {
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isFile() && !sample.files.has(rel)) rmSync(join(root, rel));
  }
}

for (const [path, text] of sample.files) {
  const bytes = Buffer.byteLength(text, 'utf8');
  console.log(`${path.padEnd(32)} ${String(bytes).padStart(9)} bytes`);
}
for (const t of sample.manifest.tables) console.log(`${t.name.padEnd(20)} ${t.rows} rows`);
