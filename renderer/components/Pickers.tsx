import { Segmented, Select, Space, Typography } from 'antd';
import type { IndicatorMeta } from '../../shared/model/catalog.js';
import type { RegionLevel } from '../../shared/model/region-code.js';
import { useT } from '../i18n/use-t.js';

/** Indicators grouped by dimension, searchable, with their unit: the same picker in every view. */
export function IndicatorSelect({ catalog, value, loading, onChange, width = 300 }: {
  catalog: readonly IndicatorMeta[];
  value: string | undefined;
  loading?: boolean;
  onChange: (id: string) => void;
  width?: number;
}) {
  const t = useT();
  return (
    <Space>
      <Typography.Text strong>{t('ranking.indicator')}</Typography.Text>
      <Select
        data-testid="indicator-select"
        style={{ width }}
        showSearch
        optionFilterProp="label"
        value={value}
        loading={loading}
        options={groupByDimension(catalog)}
        onChange={onChange}
      />
    </Space>
  );
}

/** Periods newest first, labelled with their basis (2025年前三季度（1-9月累计）). */
export function PeriodSelect({ periods, value, label, onChange }: {
  periods: readonly string[];
  value: string | null;
  label: (p: string) => string;
  onChange: (p: string) => void;
}) {
  const t = useT();
  return (
    <Space>
      <Typography.Text strong>{t('ranking.period')}</Typography.Text>
      <Select
        data-testid="period-select"
        style={{ width: 250 }}
        value={value ?? undefined}
        options={periods.map((p) => ({ value: p, label: label(p) }))}
        onChange={onChange}
      />
    </Space>
  );
}

function groupByDimension(catalog: readonly IndicatorMeta[]) {
  const byDim = new Map<string, IndicatorMeta[]>();
  for (const i of catalog) {
    const d = i.dimension ?? '其他';
    byDim.set(d, [...(byDim.get(d) ?? []), i]);
  }
  return [...byDim].map(([dim, list]) => ({
    label: dim,
    title: dim,
    options: list.map((i) => ({ value: i.id, label: `${i.name}${i.unit ? `（${i.unit}）` : ''}` })),
  }));
}

const LEVELS: readonly RegionLevel[] = ['county', 'city'];

/** 县级 / 市级: the level compared, shared across the views. */
export function LevelSelect({ value, onChange }: { value: RegionLevel; onChange: (l: RegionLevel) => void }) {
  const t = useT();
  return (
    <Space>
      <Typography.Text strong>{t('ranking.level')}</Typography.Text>
      <Segmented data-testid="level-select" value={value} options={LEVELS.map((l) => ({ value: l, label: t(`level.${l}`) }))} onChange={(v) => onChange(v as RegionLevel)} />
    </Space>
  );
}
