import { useEffect, useState } from 'react';
import { Button, Card, Progress, Space, Typography } from 'antd';
import type { ReadProgress } from '../../../shared/ingest/pipeline/pipeline-parse.js';
import type { ValidateProgress } from '../../../shared/ingest/pipeline/pipeline.js';

/** The label and percentage of reading progress: parsing (worker) up to 80 %, staging up to 95 %, then layout. */
export function readingStatus(p: ReadProgress): { label: string; percent: number } {
  const share = p.done / Math.max(1, p.total);
  const where = `${p.file}${p.sheet ? ` / ${p.sheet}` : ''}`;
  if (!p.file) return { label: p.phase === 'read' ? '正在写入暂存表…' : '正在识别表格结构…', percent: p.phase === 'read' ? 80 : 95 };
  if (p.phase === 'stage') return { label: `正在写入暂存表：${where}`, percent: Math.round(80 + 15 * share) };
  const count = p.total > 1 ? `（第 ${p.done + 1} 个，共 ${p.total} 个）` : '';
  return { label: `正在读取：${where}${count}`, percent: Math.round(80 * share) };
}

/** The label and percentage of validation: one step per sheet, its rows named so a long wait is explained. */
export function validatingStatus(p: ValidateProgress): { label: string; percent: number } {
  const where = `${p.file}${p.sheet ? ` / ${p.sheet}` : ''}`;
  const count = p.total > 1 ? `（第 ${p.done + 1} 个，共 ${p.total} 个）` : '';
  return { label: `正在校验：${where}，${p.rows.toLocaleString('zh-CN')} 行${count}`, percent: Math.round((100 * p.done) / Math.max(1, p.total)) };
}

/** A busy step with a running clock and a cancel button that takes effect at once. */
export function ImportProgress({ label, percent, onCancel }: { label: string; percent: number; onCancel?: () => void }) {
  const [started] = useState(() => Date.now());
  const [now, setNow] = useState(started);
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(t);
  }, []);
  const seconds = Math.floor((now - started) / 1000);
  return (
    <Card data-testid="import-progress">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <span data-testid="import-progress-label">{label}</span>
        <Progress percent={percent} status="active" />
        <Space>
          {onCancel && (
            <Button onClick={onCancel} data-testid="import-cancel">
              取消
            </Button>
          )}
          {seconds >= 1 && <Typography.Text type="secondary" data-testid="import-elapsed">已用时 {seconds} 秒</Typography.Text>}
        </Space>
      </Space>
    </Card>
  );
}
