import { useEffect, useState } from 'react';
import { App, Button, Drawer, Flex, Input, InputNumber, Space, Table, Typography } from 'antd';
import { METHOD_NAMES, methodOf, type CatalogueRow, type MissingPolicy, type ScoreMethod } from '../../../shared/analytics/score-plan.js';
import type { WeightScheme } from '../../../shared/workspace/weight-schemes.js';
import { useHost } from '../../host/host.js';
import { useT } from '../../i18n/use-t.js';
import { saveScheme } from '../../state/weight-schemes.js';

/**
 * Edit the weights of the composite: the catalogue's weights overlaid by the current scheme and the edits in
 * progress; saving writes a named scheme version into the workspace (its history keeps every earlier version).
 */
export function WeightsDrawer({ open, onClose, catalogue, scheme, weights, method, missing, onWeights }: {
  open: boolean;
  onClose: () => void;
  catalogue: readonly CatalogueRow[];
  scheme: WeightScheme | null;
  /** The weights in effect (catalogue, then scheme, then unsaved edits). */
  weights: Readonly<Record<string, number>>;
  method: ScoreMethod | null;
  missing: MissingPolicy;
  onWeights: (w: Record<string, number>) => void;
}) {
  const t = useT();
  const host = useHost();
  const { message } = App.useApp();
  const [name, setName] = useState(scheme?.name ?? t('score.schemeDefault'));
  useEffect(() => setName(scheme?.name ?? t('score.schemeDefault')), [scheme?.name, t]);
  const catalogueWeights = Object.fromEntries(catalogue.map((c) => [c.id, c.weight ?? 0]));
  const changed = catalogue.filter((c) => (weights[c.id] ?? c.weight ?? 0) !== (c.weight ?? 0));
  return (
    <Drawer
      title={t('score.editWeights')}
      open={open}
      onClose={onClose}
      size="large"
      extra={
        <Space>
          <Input data-testid="scheme-name" style={{ width: 180 }} value={name} maxLength={60} onChange={(e) => setName(e.target.value)} />
          <Button
            type="primary"
            data-testid="scheme-save"
            onClick={() => {
              try {
                // The scheme keeps only the weights that differ from the catalogue's.
                const diff = Object.fromEntries(catalogue.filter((c) => (weights[c.id] ?? c.weight ?? 0) !== (c.weight ?? 0)).map((c) => [c.id, weights[c.id] ?? 0]));
                saveScheme(host, name, { at: new Date().toISOString(), weights: diff, method, missing });
                void message.success(t('score.schemeSaved', { name }));
              } catch (e) {
                void message.error(e instanceof Error ? e.message : String(e));
              }
            }}
          >
            {t('score.saveScheme')}
          </Button>
          <Button data-testid="weights-reset" onClick={() => onWeights(catalogueWeights)}>{t('score.resetWeights')}</Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('score.weightsHelp', { n: changed.length })}</Typography.Paragraph>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={[...catalogue]}
        columns={[
          { title: t('score.indicator'), dataIndex: 'name', render: (v: string, r: CatalogueRow) => `${v}（${r.id}）` },
          { title: t('score.dimension'), dataIndex: 'dimension', width: 90 },
          { title: t('score.method'), dataIndex: 'method', width: 110, render: (v: string | null) => (methodOf(v) ? METHOD_NAMES[methodOf(v) as ScoreMethod] : (v ?? '—')) },
          { title: t('score.catalogueWeight'), dataIndex: 'weight', width: 80, render: (v: number | null) => v ?? '—' },
          {
            title: t('score.weight'),
            width: 110,
            render: (_: unknown, r: CatalogueRow) => (
              <InputNumber
                data-testid={`weight-${r.id}`}
                size="small"
                min={0}
                max={1000}
                step={0.5}
                value={weights[r.id] ?? r.weight ?? 0}
                onChange={(v) => onWeights({ ...weights, [r.id]: typeof v === 'number' && Number.isFinite(v) ? v : 0 })}
              />
            ),
          },
        ]}
      />
      {scheme && scheme.history.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>{t('score.history', { name: scheme.name })}</Typography.Title>
          <Flex vertical gap={4} data-testid="scheme-history">
            {scheme.history.map((v, i) => (
              <Flex key={i} justify="space-between" align="center" style={{ borderBottom: '1px solid #f0f0f0', padding: '4px 0' }}>
                <span>{v.at.replace('T', ' ').slice(0, 19)} · {t('score.versionWeights', { n: Object.keys(v.weights).length })}</span>
                <Button size="small" onClick={() => onWeights({ ...catalogueWeights, ...v.weights })}>{t('score.useVersion')}</Button>
              </Flex>
            ))}
          </Flex>
        </>
      )}
    </Drawer>
  );
}
