import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Flex, Input, Select, Space, Switch, Table, Typography } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { rosterFilterOptions, rosterPage, type ROSTER_COLUMNS, type RosterFilters, type RosterSort } from '../../../shared/analytics/roster.js';
import { columnCell } from '../../../shared/db/connector.js';
import { ExportButtons } from '../../components/ExportButtons.js';
import { useT } from '../../i18n/use-t.js';
import { useAppStore } from '../../state/store.js';
import { useQuery } from '../../state/use-query.js';
import { useViewParam } from '../../state/view-param.js';
import { audit } from '../../state/audit.js';
import { BLOCK, referenceDateQuery, useBlock, useRosterBlocks, type RosterBlocks } from '../../state/roster.js';

type FilterKey = Exclude<keyof RosterFilters, 'search'>;
const FILTERS: FilterKey[] = ['units', 'regions', 'postLevels', 'rankLevels', 'ageBands', 'education', 'genders', 'ethnicities', 'parties', 'postBands'];
type Col = (typeof ROSTER_COLUMNS)[number];
/** Shown columns (cadre_id is the row's identity, not a column), their widths and sort keys. */
const SHOWN: { col: Col; width: number; sort?: RosterSort }[] = [
  { col: 'name', width: 90, sort: 'name' }, { col: 'gender', width: 56 }, { col: 'birth_ym', width: 90 }, { col: 'age', width: 64, sort: 'age' },
  { col: 'ethnicity', width: 80 }, { col: 'party', width: 110 }, { col: 'top_edu_cat', width: 84 }, { col: 'ft_edu', width: 96 }, { col: 'ft_degree', width: 96 },
  { col: 'is_edu', width: 84 }, { col: 'is_degree', width: 84 }, { col: 'unit', width: 180, sort: 'unit' }, { col: 'region_name', width: 100, sort: 'region' },
  { col: 'current_post', width: 220 }, { col: 'post_level', width: 100, sort: 'level' }, { col: 'rank_level', width: 110 }, { col: 'current_post_since', width: 96 },
  { col: 'post_years', width: 96, sort: 'postYears' }, { col: 'id_no', width: 180 },
];
const WIDTH = SHOWN.reduce((s, c) => s + c.width, 0);

/** One cell, subscribed to its row's block: a block arriving redraws its cells, not the table. */
function Cell({ blocks, i, col, onOpen }: { blocks: RosterBlocks; i: number; col: Col; onOpen?: (id: string) => void }) {
  const rows = useBlock(blocks, Math.floor(i / BLOCK));
  // Plain elements in cells: a scroll draws dozens of new rows per frame.
  if (!rows) return <span style={{ color: '#bfbfbf' }}>…</span>;
  // A row past the end of new parameters' rows, drawn until their total arrives.
  if (i % BLOCK >= rows.length) return null;
  const v = columnCell(rows, col, i % BLOCK);
  const text = v === null ? '—' : col === 'post_years' ? (v as number).toFixed(1) : String(v);
  const id = onOpen ? columnCell(rows, 'cadre_id', i % BLOCK) : null;
  return typeof id === 'string' && onOpen ? <a data-testid="roster-name" onClick={() => onOpen(id)}>{text}</a> : <>{text}</>;
}

/** 名册: the virtualised roster (blocks of rows fetched as the table scrolls), filters, name search, sorting, masking. */
export function RosterTable() {
  const t = useT();
  const openProfile = useAppStore((s) => s.openProfile);
  const [filters, setFilters] = useViewParam<Partial<Record<FilterKey, string[]>>>('roster', 'filters', {});
  const [sort, setSort] = useViewParam<{ key: RosterSort; desc: boolean }>('roster', 'sort', { key: 'level', desc: false });
  const [search, setSearch] = useState('');
  // Deliberately not a saved view parameter: full ID numbers are shown only while this switch is on.
  const [unmask, setUnmask] = useState(false);
  const dateQ = useQuery(referenceDateQuery, {});
  const date = dateQ.status === 'ready' ? dateQ.data : null;
  const options = useQuery(rosterFilterOptions, date ? { date } : null);
  const params = useMemo(() => (date ? { date, filters: { ...filters, search }, sort: sort.key, desc: sort.desc, unmask } : null), [date, filters, search, sort, unmask]);
  const win = useRosterBlocks(params);
  // Until new parameters' total arrives, keep the last one: unmasking or re-sorting keeps the scroll position.
  const [lastTotal, setLastTotal] = useState(0);
  useEffect(() => {
    if (win.total !== null) setLastTotal(win.total);
  }, [win.total]);
  const n = win.total ?? lastTotal;
  const rows = useMemo(() => Array.from({ length: n }, (_x, i) => i), [n]);
  const blocks = win.blocks;
  const columns = useMemo(
    () =>
      blocks
        ? SHOWN.map((c) => ({
            title: t(`roster.col.${c.col}`),
            key: c.col,
            width: c.width,
            ellipsis: true,
            fixed: c.col === 'name' ? ('left' as const) : undefined,
            sorter: c.sort !== undefined,
            sortOrder: c.sort !== undefined && sort.key === c.sort && !(c.sort === 'level' && !sort.desc) ? (sort.desc ? ('descend' as const) : ('ascend' as const)) : null,
            render: (_: unknown, i: number) => <Cell blocks={blocks} i={i} col={c.col} onOpen={c.col === 'name' ? openProfile : undefined} />,
          }))
        : [],
    [blocks, sort, t, openProfile],
  );

  if (dateQ.status === 'ready' && date === null) return <Alert type="info" showIcon title={t('roster.noCadres')} />;
  return (
    <Flex vertical gap={8} data-testid="roster-table">
      <Card size="small">
        <Flex wrap gap={8} align="center">
          <Input.Search data-testid="roster-search" allowClear placeholder={t('roster.search')} style={{ width: 200 }} onSearch={(v) => setSearch(v.trim())} />
          {FILTERS.map((k) => (
            <Select
              key={k}
              data-testid={`roster-filter-${k}`}
              mode="multiple"
              allowClear
              maxTagCount="responsive"
              placeholder={t(`roster.filter.${k}`)}
              style={{ width: k === 'units' ? 220 : 150 }}
              value={filters[k] ?? []}
              onChange={(v: string[]) => setFilters({ ...filters, [k]: v })}
              showSearch={{ optionFilterProp: 'label' }}
              options={(options.status === 'ready' ? options.data[k] : []).map((o) => ({ value: o.value, label: `${o.label}（${o.count}）` }))}
            />
          ))}
          <Button onClick={() => setFilters({})}>{t('roster.clear')}</Button>
        </Flex>
      </Card>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text data-testid="roster-total">
          {win.total === null ? '…' : t('roster.total', { n: win.total })} · {t('roster.dateNote', { date: date ?? '' })}
        </Typography.Text>
        <Space>
          <Switch
            data-testid="roster-unmask"
            checked={unmask}
            onChange={(on) => {
              setUnmask(on);
              if (on) void audit.record('unmask', `干部名册（${date ?? ''}）`, '显示完整证件号');
            }}
          />
          <Typography.Text>{t('roster.unmask')}</Typography.Text>
          <ExportButtons
            source={{
              baseName: `干部名册_${date ?? ''}`,
              table: async () => {
                const db = useAppStore.getState().engine;
                if (!params || db.status !== 'ready') return null;
                const out: (string | number | null)[][] = [];
                for (let offset = 0; offset === 0 || offset < (win.total ?? 0); offset += 5000) {
                  const p = await rosterPage(db.db, { ...params, offset, limit: 5000 });
                  for (let i = 0; i < p.rows.length; i++) out.push(SHOWN.map((c) => columnCell(p.rows, c.col, i)));
                }
                return { sheetName: '干部名册', headers: SHOWN.map((c) => t(`roster.col.${c.col}`)), rows: out };
              },
            }}
          />
        </Space>
      </Flex>
      {win.error && <Alert type="error" showIcon title={t('common.error')} description={win.error} />}
      <Table<number>
        data-testid="roster-grid"
        size="small"
        virtual
        bordered
        scroll={{ x: WIDTH, y: 560 }}
        rowKey={(i) => i}
        pagination={false}
        dataSource={rows}
        loading={win.total === null && !win.error}
        locale={{ emptyText: t('roster.empty') }}
        onChange={(_p, _f, s) => {
          const one = (Array.isArray(s) ? s[0] : s) as SorterResult<number> | undefined;
          const key = SHOWN.find((c) => c.col === one?.columnKey)?.sort;
          setSort(key && one?.order ? { key, desc: one.order === 'descend' } : { key: 'level', desc: false });
        }}
        columns={columns}
      />
    </Flex>
  );
}
