import { Select } from 'antd';
import { cellText } from '../../../shared/ingest/stage/stage-rows.js';
import type { RawCell, RawSheet } from '../../../shared/ingest/types.js';

/** Rows offered as header rows: the first ones of the sample, where titles and headers sit. */
const OFFERED = 12;

/** A row's first filled cells, to recognise it in the list. */
function rowHint(row: readonly RawCell[] | undefined): string {
  const cells = (row ?? []).map((c) => cellText(c)?.trim()).filter((t): t is string => !!t);
  const text = cells.slice(0, 4).join(' | ');
  return text.length > 40 ? `${text.slice(0, 40)}…` : text || '（空行）';
}

/** The header rows of a sheet, which the user can correct when detection took a title or a data row for one. */
export function HeaderRowsSelect(props: { sample: RawSheet; value: readonly number[]; disabled: boolean; onChange: (rows: number[]) => void }) {
  const count = Math.min(OFFERED, props.sample.rows.length);
  const options = Array.from({ length: count }, (_, i) => ({ value: i + 1, label: `第 ${i + 1} 行`, hint: rowHint(props.sample.rows[i]) }));
  return (
    <Select<number[]>
      mode="multiple"
      size="small"
      style={{ minWidth: 200 }}
      placeholder="无表头"
      disabled={props.disabled}
      value={[...props.value]}
      data-testid="header-rows-select"
      options={options}
      optionRender={(o) => `${String(o.label)}：${String(o.data.hint)}`}
      onChange={(rows) => props.onChange([...rows].sort((a, b) => a - b))}
    />
  );
}
