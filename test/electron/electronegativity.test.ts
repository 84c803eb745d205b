/**
 * Electronegativity over the app's sources, offline, for the Electron version in package.json: every finding must
 * be on the reviewed allowlist (each entry with its reason), and every entry must still match a finding.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compare, electronVersion, EXCLUDED_CHECKS, OFFLINE_PRELOAD, readAllowlist, scan, type Finding, type ScanResult } from '../support/electronegativity.js';

describe('Electronegativity', () => {
  let result: ScanResult;
  const run = () => (result ??= scan());

  it('runs offline on the Electron version of package.json, parsing every file', () => {
    const r = run();
    console.log(`electronegativity: ${r.findings.length} findings in ${r.seconds.toFixed(1)} s (Electron ${electronVersion()}, -x ${EXCLUDED_CHECKS.join(',')})`);
    expect(electronVersion()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(r.parseErrors).toEqual([]);
    // The tool asks for its translations on every start: the preload refused it, and no socket was opened.
    expect(r.stderr).toContain('electronegativity-offline: refused got');
    expect(r.stderr).not.toContain('refused socket connect');
  }, 120_000);

  it('finds nothing that is not on the reviewed allowlist, and the list has no stale entry', () => {
    const findings = run().findings;
    const { unreviewed, stale } = compare(findings, readAllowlist());
    expect(unreviewed).toEqual([]);
    expect(stale).toEqual([]);
  }, 120_000);

  it('gives every allowlist entry a reason', () => {
    for (const e of readAllowlist()) expect(e.reason.length, `${e.check} ${e.file}`).toBeGreaterThan(40);
  });

  it('compare: an unlisted finding is reported, a listed one is not, an unused entry is stale', () => {
    const f = (check: string, sample: string): Finding => ({ check, severity: 'HIGH', confidence: 'FIRM', file: 'electron/main/x.ts', location: '1:1', sample, description: '' });
    const entry = { check: 'A', file: 'electron/main/x.ts', sample: 'new BrowserWindow(o)', reason: 'r' };
    const r = compare([f('A', 'new BrowserWindow(o)'), f('A', 'new BrowserWindow({ nodeIntegration: true })'), f('B', 'new BrowserWindow(o)')], [entry, { ...entry, check: 'C' }]);
    expect(r.unreviewed.map((x) => `${x.check} ${x.sample}`)).toEqual(['A new BrowserWindow({ nodeIntegration: true })', 'B new BrowserWindow(o)']);
    expect(r.stale.map((x) => x.check)).toEqual(['C']);
  });

  it('the preload writes the tool\'s header and findings in call order (its two writes are not awaited)', async () => {
    const { execFileSync } = await import('node:child_process');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hengjian-eneg-order-'));
    const out = path.join(dir, 'f.csv');
    // The tool's sequence: writeFile(header, 'w') then writeFile(rows, { flag: 'a' }), neither awaited.
    const script = `const fs=require('fs');fs.writeFile(${JSON.stringify(out)},'h\\n',()=>{});fs.writeFile(${JSON.stringify(out)},'r1\\nr2\\n',{flag:'a'},()=>{});`;
    execFileSync(process.execPath, ['-r', OFFLINE_PRELOAD, '-e', script]);
    expect(fs.readFileSync(out, 'utf8')).toBe('h\nr1\nr2\n');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
