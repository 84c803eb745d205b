/**
 * The tables a workspace stores, beyond what an import maps to: every canonical table carries the provenance of
 * each row (which import source, which source row), and the import history lives in tables of its own (batches,
 * their sources, and the rows a batch replaced, kept so that the batch can be undone).
 */
import { col, type ColumnDef, type Label } from './schema.js';
import { TABLES, type TableName } from './tables.js';

/** Any table of a workspace: a name, a label and its physical columns in order. */
export interface StoredTable {
  readonly name: string;
  readonly label: Label;
  readonly columns: readonly ColumnDef[];
  /** The canonical table this one is, or keeps the replaced rows of. */
  readonly canonical?: TableName;
}

/** Where a row came from: the import source (a sheet of a file, or one form) and its row there. NULL: sample or older data. */
export const PROVENANCE_COLUMNS: readonly ColumnDef[] = [
  col('src_id', 'INTEGER', '来源编号', 'Source ID'),
  col('src_row', 'INTEGER', '来源行号', 'Source row'),
];

/** 导入批次: one row per committed import. */
export const importBatches: StoredTable = {
  name: 'import_batches',
  label: { zh: '导入批次', en: 'Import batches' },
  columns: [
    col('batch_id', 'INTEGER', '批次', 'Batch'),
    col('committed_at', 'VARCHAR', '导入时间', 'Imported at'),
    col('files', 'VARCHAR', '文件', 'Files'),
    col('rows_read', 'INTEGER', '读取行数', 'Rows read'),
    col('rows_imported', 'INTEGER', '导入行数', 'Rows imported'),
    col('rows_rejected', 'INTEGER', '拒绝行数', 'Rows rejected'),
    col('rows_skipped', 'INTEGER', '跳过行数', 'Rows skipped'),
    col('rows_written', 'INTEGER', '写入记录数', 'Records written'),
    col('rows_replaced', 'INTEGER', '替换记录数', 'Records replaced'),
    col('status', 'VARCHAR', '状态', 'Status'),
    col('undone_at', 'VARCHAR', '撤销时间', 'Undone at'),
  ],
};

/** 导入来源: one row per sheet (or form) an import batch read. */
export const importSources: StoredTable = {
  name: 'import_sources',
  label: { zh: '导入来源', en: 'Import sources' },
  columns: [
    col('src_id', 'INTEGER', '来源编号', 'Source ID'),
    col('batch_id', 'INTEGER', '批次', 'Batch'),
    col('file', 'VARCHAR', '文件', 'File'),
    col('sheet', 'VARCHAR', '工作表', 'Sheet'),
    col('target', 'VARCHAR', '目标表', 'Target table'),
    col('rows_written', 'INTEGER', '写入记录数', 'Records written'),
  ],
};

/** The table keeping the rows of `table` that an import replaced (with the batch that replaced them). */
export function historyName(table: TableName): string {
  return `hist_${table}`;
}

const stored: StoredTable[] = [
  ...TABLES.map((t) => ({ name: t.name, label: t.label, columns: [...t.columns, ...PROVENANCE_COLUMNS], canonical: t.name })),
  importBatches,
  importSources,
  ...TABLES.map((t) => ({
    name: historyName(t.name),
    label: { zh: `${t.label.zh}（被替换的记录）`, en: `${t.label.en} (replaced rows)` },
    columns: [...t.columns, ...PROVENANCE_COLUMNS, col('replaced_by', 'INTEGER', '替换批次', 'Replaced by batch')],
    canonical: t.name,
  })),
];

/** Every table a workspace stores, canonical tables first (in load order), then the import history. */
export const STORED_TABLES: readonly StoredTable[] = stored;

/** The stored form of a canonical table (its columns plus provenance), or a history table, by name. */
export function storedTable(name: string): StoredTable | undefined {
  return STORED_TABLES.find((t) => t.name === name);
}
