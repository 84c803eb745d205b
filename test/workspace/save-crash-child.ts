/**
 * Child process of save-crash.test.ts, run under strace with a SIGKILL injected at one syscall: replaces a
 * workspace with the bytes of `source`, either as a user save (`save <target> <source>`, the atomic writer) or as
 * the autosave (`autosave <dir> <source>`, which also keeps the previous copy as .bak).
 */
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../../electron/node/atomic-write.js';
import { writeAutosaveFile } from '../../electron/node/autosave.js';

const [mode, target, source] = process.argv.slice(2);
if (!target || !source || (mode !== 'save' && mode !== 'autosave')) {
  console.error('usage: save-crash-child save|autosave <target> <source>');
  process.exit(2);
}
const bytes = new Uint8Array(readFileSync(source));
if (mode === 'save') await writeFileAtomic(target, bytes);
else await writeAutosaveFile(target, bytes);
