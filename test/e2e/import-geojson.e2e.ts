import { describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, chromiumSession, dropIntoImport, itStayedOffline, openApp } from './browser.js';

/** ECharts' encoder (UTF8Encoding, scale 1024): quantise, delta from the previous point, zigzag, +64. */
function encodeRing(ring: number[][]): { text: string; offset: [number, number] } {
  const q = ring.map(([x, y]) => [Math.round((x as number) * 1024), Math.round((y as number) * 1024)] as const);
  const offset: [number, number] = [q[0]?.[0] ?? 0, q[0]?.[1] ?? 0];
  const zz = (n: number): number => (n << 1) ^ (n >> 31);
  let [px, py] = offset;
  let text = '';
  for (const [x, y] of q) {
    text += String.fromCharCode(zz(x - px) + 64, zz(y - py) + 64);
    px = x;
    py = y;
  }
  return { text, offset };
}

/**
 * An ECharts-style compressed boundary file keyed by name only, drawn before 撤县设区: 茂口 (short for 茂口区),
 * 凤口县 (the old name of 凤口区), 云岭市丹谷县 (full name with the city), and 海外县 (no such region).
 */
const names = ['茂口', '凤口县', '云岭市丹谷县', '海外县'];
const GEOJSON = Buffer.from(
  JSON.stringify({
    type: 'FeatureCollection',
    UTF8Encoding: true,
    features: names.map((name, i) => {
      const r = encodeRing([[100 + i, 30], [100.5 + i, 30], [100.5 + i, 30.5], [100 + i, 30]]);
      return { type: 'Feature', properties: { name }, geometry: { type: 'Polygon', coordinates: [r.text], encodeOffsets: [r.offset] } };
    }),
  }),
);

describe('import a GeoJSON boundary file in Chromium', () => {
  const appUrl = inject('appUrl');
  const session = chromiumSession(appUrl);

  it('reports features that match no region and regions without a shape, then imports the rest', async () => {
    const { page } = session.rec();
    await openApp(page, appUrl);
    await dropIntoImport(page, { name: '云岭市边界.json', mimeType: 'application/json', buffer: GEOJSON });
    expect(await page.getByTestId('boundary-file').innerText()).toContain('4 个要素');
    await page.getByTestId('import-validate').click();
    const report = page.getByTestId('boundary-report');
    await report.waitFor({ timeout: 30_000 });
    const stat = async (title: string) => Number(await report.locator('.ant-statistic').filter({ hasText: new RegExp(`^${title}`) }).locator('.ant-statistic-content-value').innerText());
    expect([await stat('要素总数'), await stat('已对应地区'), await stat('未匹配的要素')]).toEqual([4, 3, 1]);
    expect(await report.innerText()).toContain('按名称 2 个，按旧名称 1 个');
    const unmatched = await page.getByTestId('unmatched-features').innerText();
    expect(unmatched).toContain('海外县');
    expect(unmatched).toContain('没有对应的地区');
    const without = page.getByTestId('regions-without-shape');
    expect(await page.getByTestId('regions-without-shape-label').innerText()).toMatch(/没有边界的地区 \d+ 个/);
    expect(await without.innerText()).toContain('嘉平县');
    expect(await without.innerText()).not.toContain('茂口区');
    // How the others matched is one click away (collapsed: worth checking, not a problem).
    expect(await page.getByTestId('matched-features-label').innerText()).toContain('3 个');
    await page.getByTestId('matched-features-label').click();
    expect(await page.getByTestId('matched-features').innerText()).toContain('凤口区（990106）');
    await report.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}import-geojson-report.png` });
    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-done').waitFor({ timeout: 30_000 });
  });

  it('draws the sample with its own map (the manifest names map.geojson)', async () => {
    const { page } = session.rec();
    await page.getByRole('menuitem', { name: /地图/ }).click();
    await page.getByTestId('map-chart').locator('svg path').first().waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('map-empty').count()).toBe(0);
    // Every county has a shape: the sample's map, not only the three just imported.
    await expect.poll(() => page.getByTestId('map-without-shape').innerText(), { timeout: 30_000 }).toBe('无');
  });

  itStayedOffline(session);
});
