import { App, Alert, Button, Checkbox, Drawer, Flex, Input, InputNumber, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { CONDITION_TYPES, type ConditionType, type WarningRule } from '../../../shared/analytics/warning-rules.js';
import type { RuleSet } from '../../../shared/workspace/rule-sets.js';
import { useHost } from '../../host/host.js';
import { useAppStore } from '../../state/store.js';
import { useQuery } from '../../state/use-query.js';
import { previewRule, saveRule } from '../../state/warnings.js';

type Draft = Record<string, unknown> & { condition: Record<string, unknown>; scope: Record<string, unknown> };

type Field = readonly [key: string, label: string, kind: 'number' | 'int' | 'select' | 'rules', options?: readonly (readonly [string, string])[]];

/** The editable fields of each condition type. */
const FIELDS: Record<ConditionType, readonly Field[]> = {
  threshold: [['field', '比较字段', 'select', [['value', '数值'], ['yoy', '同比']]], ['op', '比较符', 'select', [['<', '低于'], ['<=', '不高于'], ['>', '高于'], ['>=', '不低于']]], ['value', '阈值', 'number'], ['periods', '连续期数', 'int']],
  gap: [['field', '比较字段', 'select', [['value', '数值'], ['yoy', '同比']]], ['benchmark', '基准', 'select', [['avg', '比较地区平均'], ['parent', '上级地区'], ['target', '目标值'], ['national', '全国值（区域排名中录入）']]], ['measure', '差距口径', 'select', [['diff', '差值（%指标为个百分点）'], ['pct', '相对基准的百分比']]], ['gap', '落后至少', 'number'], ['periods', '连续期数', 'int']],
  rank_bottom: [['n', '后N位', 'int'], ['periods', '连续期数', 'int']],
  rank_drop: [['places', '下降至少（位）', 'int']],
  negative_growth: [['field', '比较字段', 'select', [['yoy', '同比'], ['value', '数值（增速类指标）']]], ['periods', '连续期数', 'int']],
  schedule_behind: [['gap', '落后时序进度超过（个百分点）', 'number']],
  escalation: [['from', '来源规则', 'rules'], ['fromLevel', '或来源等级', 'select', [['黄线', '黄线']]], ['periods', '连续期数', 'int']],
};

const blank = (id: string): Draft => ({ id, name: '', level: '黄线', enabled: true, scope: { indicators: [], unit: null, level: 'county', group: null, byGroup: false }, condition: { type: 'threshold', op: '<', value: 0 }, message: '' });

/** The rule list and the editor, with validation and a live preview of what the rule flags in `period`. */
export function RuleEditor({ open, onClose, set, period, indicators }: { open: boolean; onClose: () => void; set: RuleSet | undefined; period: string | null; indicators: readonly (readonly [string, string])[] }) {
  const host = useHost();
  const { message } = App.useApp();
  const engine = useAppStore((s) => s.engine);
  const rulesDocument = useAppStore((s) => s.workspace?.documents.rules);
  const viewsDocument = useAppStore((s) => s.workspace?.documents.views);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [isNew, setIsNew] = useState(false);
  const [debounced, setDebounced] = useState<Draft | null>(null);
  useEffect(() => {
    const h = setTimeout(() => setDebounced(draft), 400);
    return () => clearTimeout(h);
  }, [draft]);
  const preview = useQuery(previewRule, debounced && period ? { rule: debounced, period, rulesDocument, viewsDocument } : null);
  const pv = preview.status === 'ready' ? preview.data : preview.status === 'loading' ? preview.previous : undefined;
  const rules = set?.rules ?? [];
  const edit = (r: WarningRule) => {
    setIsNew(false);
    setDraft(JSON.parse(JSON.stringify(r)) as Draft);
  };
  const setCond = (k: string, v: unknown) => draft && setDraft({ ...draft, condition: { ...draft.condition, [k]: v ?? undefined } });
  const setScope = (k: string, v: unknown) => draft && setDraft({ ...draft, scope: { ...draft.scope, [k]: v } });
  const type = (draft?.condition.type ?? 'threshold') as ConditionType;

  return (
    <Drawer open={open} onClose={onClose} size={760} title="预警规则" data-testid="rule-drawer">
      {!draft ? (
        <Flex vertical gap={8}>
          <Button
            data-testid="rule-new"
            onClick={() => {
              setIsNew(true);
              setDraft(blank(`R${String(rules.length + 1).padStart(2, '0')}`));
            }}
          >
            新建规则
          </Button>
          <Table<WarningRule>
            data-testid="rule-list"
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={[...rules]}
            columns={[
              { title: '编号', dataIndex: 'id', width: 64 },
              { title: '名称', dataIndex: 'name' },
              { title: '等级', dataIndex: 'level', width: 64, render: (v: string) => <Tag color={v === '红线' ? 'red' : 'gold'}>{v}</Tag> },
              { title: '条件', width: 110, render: (_: unknown, r) => CONDITION_TYPES[r.condition.type] },
              { title: '版本', dataIndex: 'version', width: 56 },
              { title: '', width: 64, render: (_: unknown, r) => <a data-testid={`rule-edit-${r.id}`} onClick={() => edit(r)}>编辑</a> },
            ]}
          />
        </Flex>
      ) : (
        <Flex vertical gap={10} data-testid="rule-form">
          <Space wrap>
            <Input prefix="编号" value={String(draft.id)} style={{ width: 160 }} onChange={(e) => setDraft({ ...draft, id: e.target.value })} disabled={!isNew} />
            <Input data-testid="rule-name" prefix="名称" value={String(draft.name)} style={{ width: 420 }} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
          </Space>
          <Space wrap>
            <Segmented value={String(draft.level)} options={['黄线', '红线']} onChange={(v) => setDraft({ ...draft, level: v })} />
            <Checkbox checked={draft.enabled !== false} onChange={(e) => setDraft({ ...draft, enabled: e.target.checked })}>启用</Checkbox>
            <Select
              data-testid="rule-type"
              style={{ width: 160 }}
              value={type}
              onChange={(v) => setDraft({ ...draft, condition: { type: v } })}
              options={Object.entries(CONDITION_TYPES).map(([value, label]) => ({ value, label }))}
            />
          </Space>
          <Space wrap>
            {FIELDS[type].map(([key, label, kind, options]) =>
              kind === 'select' ? (
                <Select key={key} allowClear style={{ minWidth: 150 }} placeholder={label} value={draft.condition[key] as string | undefined} onChange={(v) => setCond(key, v)} options={(options ?? []).map(([value, l]) => ({ value, label: `${label}：${l}` }))} />
              ) : kind === 'rules' ? (
                <Select key={key} mode="multiple" style={{ minWidth: 220 }} placeholder={label} value={(draft.condition[key] as string[] | undefined) ?? []} onChange={(v) => setCond(key, v.length ? v : undefined)} options={rules.filter((r) => r.id !== draft.id).map((r) => ({ value: r.id, label: `${r.id} ${r.name}` }))} />
              ) : (
                <InputNumber key={key} data-testid={`rule-${key}`} prefix={label} value={draft.condition[key] as number | undefined} precision={kind === 'int' ? 0 : undefined} onChange={(v) => setCond(key, v ?? undefined)} />
              ),
            )}
          </Space>
          <Space wrap>
            <Select
              mode="multiple"
              style={{ minWidth: 320 }}
              placeholder="适用指标（不选：全部）"
              value={(draft.scope.indicators as string[] | undefined) ?? []}
              onChange={(v) => setScope('indicators', v)}
              options={[['composite', '综合得分'] as const, ...indicators].map(([value, label]) => ({ value, label }))}
              showSearch={{ optionFilterProp: 'label' }}
            />
            <Segmented value={String(draft.scope.level ?? 'county')} options={[{ value: 'county', label: '县级' }, { value: 'city', label: '市级' }]} onChange={(v) => setScope('level', v)} />
            <Checkbox checked={draft.scope.byGroup === true} onChange={(e) => setScope('byGroup', e.target.checked)}>在考核分组内比较</Checkbox>
          </Space>
          <Input.TextArea rows={2} value={String(draft.message ?? '')} placeholder="提示模板：{region}{period}{indicator}为{value}{unit}，排第{rank}位……" onChange={(e) => setDraft({ ...draft, message: e.target.value })} />
          {pv && pv.problems.length > 0 && <Alert type="error" showIcon data-testid="rule-problems" title="规则不完整" description={pv.problems.join('；')} />}
          <Typography.Text data-testid="rule-preview-count" type="secondary">
            {preview.status === 'loading' ? '正在预览…' : pv && !pv.problems.length ? `本期将触发 ${pv.events.length} 条` : ''}
          </Typography.Text>
          {pv && pv.events.length > 0 && (
            <Flex vertical gap={2} data-testid="rule-preview">
              {pv.events.slice(0, 8).map((e) => (
                <Typography.Text key={`${e.regionCode}|${e.indicatorId}`} ellipsis>
                  <Tag color={e.status === '新增' ? 'volcano' : 'orange'}>{e.status}</Tag>
                  {e.message}
                </Typography.Text>
              ))}
            </Flex>
          )}
          <Space>
            <Button
              type="primary"
              data-testid="rule-save"
              disabled={!pv || pv.problems.length > 0 || engine.status !== 'ready'}
              onClick={() => {
                if (engine.status !== 'ready') return;
                saveRule(host, engine.db, draft).then(
                  () => {
                    message.success(`已保存规则 ${String(draft.id)}`);
                    setDraft(null);
                  },
                  (e: unknown) => message.error(e instanceof Error ? e.message : String(e)),
                );
              }}
            >
              保存
            </Button>
            <Button onClick={() => setDraft(null)}>取消</Button>
          </Space>
        </Flex>
      )}
    </Drawer>
  );
}
