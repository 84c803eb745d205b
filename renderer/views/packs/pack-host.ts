/** The PackHost of the app: the host prints PDF (Electron); charts become PNG on a canvas; fonts come from the app's assets. */
import type { HostApi } from '../../../shared/contract/host-api.js';
import type { PackHost } from '../../../shared/report/pack-batch.js';
import { packPrintText } from '../../../shared/report/pack-html.js';
import { marginFontCss, packFontCss, sansFontCss } from './pack-fonts.js';
import { rasterizeCharts } from './rasterize.js';

/** The app's PackHost over the HostApi. */
export function appPackHost(host: HostApi): PackHost {
  return {
    async printPdf(html, model) {
      const margins = packPrintText(model);
      return host.printPdf({ html, ...margins, marginFontCss: await marginFontCss(`${margins.headerText}${margins.footerText}`) });
    },
    async rasterize(charts) {
      return rasterizeCharts(charts, await sansFontCss(charts.map((c) => c.svg.replace(/<[^>]*>/g, '')).join('')));
    },
    fontCss: packFontCss,
  };
}

