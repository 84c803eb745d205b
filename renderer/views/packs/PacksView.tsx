import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Checkbox, Flex, Input, Progress, Radio, Select, Space, Spin, Tooltip, Typography } from 'antd';
import { PlayCircleOutlined } from '@ant-design/icons';
import { errorMessage } from '../../../shared/contract/errors.js';
import { periodLabelZh } from '../../../shared/model/period.js';
import type { BatchProgress } from '../../../shared/report/pack-batch.js';
import { packChartSpecs } from '../../../shared/report/pack-charts.js';
import { DEFAULT_WATERMARK_TEMPLATE, PACK_FORMATS, type PackFormat } from '../../../shared/report/pack-types.js';
import { useHost } from '../../host/host.js';
import { useT } from '../../i18n/use-t.js';
import { packPeriods, packPreviewQuery, packTargetsQuery, runPackBatch, type BatchOutcome } from '../../state/packs.js';
import { startProjection } from '../../state/projection.js';
import { currentWatermark } from '../../state/watermark.js';
import { useAppStore } from '../../state/store.js';
import { useQuery } from '../../state/use-query.js';
import { useViewParam } from '../../state/view-param.js';
import { setWatermarkTemplate, useViewSettings } from '../../state/view-settings.js';
import { appPackHost } from './pack-host.js';
import { packSlides } from './pack-slides.js';
import { TemplatesDrawer } from './TemplatesDrawer.js';

const PREVIEW_WATERMARK = { user: '', time: '', machine: '' };

/**
 * 分析报告: the quarter's pack for one region's 一把手 or for every one, in PDF (desktop), PPTX, DOCX and XLSX, with
 * a progress bar and cancel; a preview of one pack's findings, its projection, and the wording templates.
 */
export function PacksView() {
  const t = useT();
  const host = useHost();
  const engine = useAppStore((s) => s.engine);
  const documents = useAppStore((s) => s.workspace?.documents);
  const demo = useAppStore((s) => s.workspace?.demo ?? false);
  const periods = useQuery(packPeriods, {});
  const [picked, setPeriod] = useViewParam<string | null>('packs', 'period', null);
  const period = picked ?? (periods.status === 'ready' ? (periods.data[0] ?? null) : null);
  const targets = useQuery(packTargetsQuery, period);
  const [scope, setScope] = useViewParam<'all' | 'one'>('packs', 'scope', 'one');
  const [region, setRegion] = useViewParam<string | null>('packs', 'region', null);
  const list = targets.status === 'ready' ? targets.data : [];
  const one = region && list.some((x) => x.regionCode === region) ? region : (list[0]?.regionCode ?? null);
  const [isBrowser, setBrowser] = useState(true);
  const [formats, setFormats] = useState<PackFormat[]>(['pptx', 'docx', 'xlsx']);
  // The watermark template is the workspace's setting (also used by chart/table exports and projection).
  const settings = useViewSettings();
  const [watermark, setWatermark] = useState(settings.watermark);
  const [maskNames, setMaskNames] = useState(false);
  const [progress, setProgress] = useState<BatchProgress | null>(null);
  const [outcome, setOutcome] = useState<BatchOutcome | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [templatesOpen, setTemplatesOpen] = useState(false);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => {
    void host.info().then((i) => {
      setBrowser(i.kind === 'browser');
      if (i.kind !== 'browser') setFormats(['pdf', 'pptx', 'docx', 'xlsx']);
    });
  }, [host]);
  const preview = useQuery(packPreviewQuery, period && one && scope === 'one' ? { period, regionCode: one, watermark: PREVIEW_WATERMARK, maskNames: false, documents: (documents ?? {}) as Record<string, unknown>, demo } : null);

  const generate = async () => {
    if (engine.status !== 'ready' || !period) return;
    const ctl = new AbortController();
    abort.current = ctl;
    setOutcome(null);
    setFailure(null);
    setProgress({ done: 0, total: scope === 'all' ? list.length : 1, current: '' });
    try {
      const wm = await currentWatermark(host, watermark);
      const req = { period, regionCodes: scope === 'all' ? null : one ? [one] : [], formats, watermark: wm, maskNames };
      setOutcome(await runPackBatch(host, appPackHost(host), engine.db, req, setProgress, ctl.signal));
    } catch (e) {
      setFailure(errorMessage(e));
    } finally {
      setProgress(null);
      abort.current = null;
    }
  };
  const project = () => {
    if (preview.status !== 'ready') return;
    const m = preview.data;
    const maps = (documents?.maps ?? {}) as Record<string, unknown>;
    startProjection({ kind: 'slides', slides: packSlides(m, packChartSpecs(m, { geojson: m.peers.mapName ? maps[m.peers.mapName] : undefined })) });
  };
  const written = outcome ? outcome.entries.filter((e) => !e.error) : [];
  const failed = outcome ? outcome.entries.filter((e) => e.error) : [];
  const busy = progress !== null;

  return (
    <Flex vertical gap={12}>
      <Card size="small" title={t('packs.title')} data-testid="packs" extra={<Button onClick={() => setTemplatesOpen(true)} data-testid="packs-templates">{t('packs.templates')}</Button>}>
        <Flex vertical gap={12}>
          <Space wrap>
            <Typography.Text>{t('packs.period')}</Typography.Text>
            <Select data-testid="packs-period" style={{ width: 160 }} value={period} loading={periods.status === 'loading'} onChange={(v) => setPeriod(v)} options={(periods.status === 'ready' ? periods.data : []).map((p) => ({ value: p, label: periodLabelZh(p, '当期') }))} />
            <Radio.Group value={scope} onChange={(e) => setScope(e.target.value as 'all' | 'one')} data-testid="packs-scope">
              <Radio value="one">{t('packs.scope.one')}</Radio>
              <Radio value="all">{t('packs.scope.all', { n: list.length })}</Radio>
            </Radio.Group>
            {scope === 'one' && (
              <Select data-testid="packs-region" showSearch={{ optionFilterProp: 'label' }} style={{ width: 280 }} value={one} loading={targets.status === 'loading'} onChange={(v) => setRegion(v)}
                options={list.map((x) => ({ value: x.regionCode, label: `${x.regionName} · ${x.leaderName ?? t('packs.vacant')}` }))} />
            )}
          </Space>
          <Space wrap>
            <Typography.Text>{t('packs.formats')}</Typography.Text>
            <Checkbox.Group value={formats} onChange={(v) => setFormats(v as PackFormat[])} data-testid="packs-formats"
              options={PACK_FORMATS.map((f) => ({ value: f, disabled: f === 'pdf' && isBrowser, label: f === 'pdf' && isBrowser ? <Tooltip title={t('packs.pdfBrowser')}>PDF</Tooltip> : f.toUpperCase() }))} />
            <Typography.Text>{t('packs.watermark')}</Typography.Text>
            <Input style={{ width: 260 }} value={watermark} maxLength={80} placeholder={DEFAULT_WATERMARK_TEMPLATE} title={t('packs.watermarkHint')} onChange={(e) => setWatermark(e.target.value)} onBlur={() => watermark !== settings.watermark && setWatermarkTemplate(host, watermark)} data-testid="packs-watermark" />
            <Checkbox checked={maskNames} onChange={(e) => setMaskNames(e.target.checked)}>{t('packs.maskNames')}</Checkbox>
          </Space>
          <Space>
            <Button type="primary" data-testid="packs-generate" disabled={busy || !formats.length || !list.length || engine.status !== 'ready'} onClick={() => void generate()}>{t('packs.generate')}</Button>
            {scope === 'one' && <Button icon={<PlayCircleOutlined />} data-testid="packs-project" disabled={preview.status !== 'ready'} onClick={project}>{t('packs.project')}</Button>}
            {busy && <Button danger data-testid="packs-cancel" onClick={() => abort.current?.abort()}>{t('packs.cancel')}</Button>}
          </Space>
          {busy && progress && (
            <Flex vertical data-testid="packs-progress">
              <Progress percent={Math.round((100 * progress.done) / Math.max(1, progress.total))} />
              <Typography.Text type="secondary">{t('packs.progress', { done: progress.done, total: progress.total, current: progress.current })}</Typography.Text>
            </Flex>
          )}
          {targets.status === 'ready' && !list.length && <Alert type="info" showIcon title={t('packs.noTargets')} />}
          {failure && <Alert type="error" showIcon title={failure} />}
          {outcome && (
            <Alert data-testid="packs-outcome" type={failed.length || outcome.cancelled ? 'warning' : 'success'} showIcon
              title={outcome.saved.saved ? (outcome.cancelled ? t('packs.cancelled', { n: written.length }) : t('packs.saved', { n: written.length, formats: formats.join('、'), location: outcome.saved.location })) : t('packs.notSaved')}
              description={failed.length ? `${t('packs.failed', { n: failed.length })}：${failed.slice(0, 5).map((e) => `${e.regionName}（${e.error}）`).join('；')}` : undefined} />
          )}
        </Flex>
      </Card>
      {scope === 'one' && (
        <Card size="small" title={t('packs.preview')} data-testid="packs-preview">
          {preview.status === 'loading' && <Spin />}
          {preview.status === 'error' && <Alert type="error" showIcon title={preview.error} />}
          {preview.status === 'ready' && (
            <Flex vertical gap={8}>
              <Typography.Title level={5} style={{ margin: 0 }}>{preview.data.title}</Typography.Title>
              <Typography.Text strong>{t('packs.findings')}</Typography.Text>
              <ol data-testid="packs-findings" style={{ margin: 0 }}>{preview.data.findings.map((f, i) => <li key={i}>{f.text}</li>)}</ol>
              <Typography.Text strong>{t('packs.sentences')}</Typography.Text>
              {preview.data.indicatorSentences.map((s, i) => <Typography.Paragraph key={i} style={{ margin: 0 }}>{s}</Typography.Paragraph>)}
            </Flex>
          )}
        </Card>
      )}
      <TemplatesDrawer open={templatesOpen} onClose={() => setTemplatesOpen(false)} />
    </Flex>
  );
}
