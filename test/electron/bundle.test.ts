import fs from 'node:fs';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildElectron } from '../../electron/dev/build-electron.js';

const requires = (file: string) => [...new Set([...fs.readFileSync(file, 'utf8').matchAll(/\brequire\(["']([^"']+)["']\)/g)].map((m) => m[1]!))].sort();

describe('esbuild bundles', () => {
  let out: string;
  beforeAll(async () => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'hengjian-bundle-'));
    await buildElectron(out);
  }, 60_000);
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  it('the sandboxed preload requires nothing but electron', () => {
    expect(requires(path.join(out, 'preload.cjs'))).toEqual(['electron']);
  });

  it('main requires only electron and Node built-ins (everything else is inlined)', () => {
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    for (const id of requires(path.join(out, 'main.cjs'))) expect(id === 'electron' || builtins.has(id), id).toBe(true);
    expect(fs.existsSync(path.join(out, 'main.cjs.map'))).toBe(true);
  });
});
