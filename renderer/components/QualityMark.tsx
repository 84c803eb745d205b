import { Tag, Tooltip } from 'antd';
import { QUALITY_KIND_NAMES, type QualityFlag } from '../../shared/analytics/quality.js';

/** ⚠ n beside a value that carries data-quality flags; the tooltip says which and why. */
export function QualityMark({ flags, title, testId }: { flags: readonly QualityFlag[]; title?: string; testId?: string }) {
  if (!flags.length) return null;
  return (
    <Tooltip title={<div>{title && <div>{title}</div>}{flags.map((f, i) => <div key={i}>{QUALITY_KIND_NAMES[f.kind]}：{f.indicatorName}，{f.detail}</div>)}</div>}>
      <Tag color="warning" data-testid={testId} style={{ marginInlineEnd: 0, marginInlineStart: 4, paddingInline: 4 }}>⚠{flags.length > 1 ? ` ${flags.length}` : ''}</Tag>
    </Tooltip>
  );
}
