/** Column types used by the canonical tables; they are DuckDB type names. */
export type ColumnType = 'VARCHAR' | 'DOUBLE' | 'INTEGER' | 'BOOLEAN' | 'DATE';

/** A bilingual label: Simplified Chinese first, English second. */
export interface Label {
  readonly zh: string;
  readonly en: string;
}

export interface ColumnDef {
  readonly name: string;
  readonly type: ColumnType;
  readonly label: Label;
  /** A row without this value is rejected on import. */
  readonly required?: boolean;
  /** Personal data masked by default in the UI and in exports. */
  readonly sensitive?: boolean;
  /** Other Chinese headers met in real files, used for header matching. */
  readonly aliases?: readonly string[];
}

export interface TableDef {
  readonly name: string;
  readonly label: Label;
  readonly columns: readonly ColumnDef[];
  readonly primaryKey?: readonly string[];
}

export type ColumnExtra = Omit<ColumnDef, 'name' | 'type' | 'label'>;

/** Shorthand used by the table definitions; keeps name, type and required as literal types. */
export function col<N extends string, T extends ColumnType, E extends ColumnExtra = Record<never, never>>(
  name: N,
  type: T,
  zh: string,
  en: string,
  extra?: E,
): { readonly name: N; readonly type: T; readonly label: Label } & E {
  return { name, type, label: { zh, en }, ...(extra ?? ({} as E)) };
}

/** The JavaScript value of a column type as the connector returns it (DATE as 'YYYY-MM-DD'). */
export type JsOf<T extends ColumnType> = T extends 'DOUBLE' | 'INTEGER' ? number : T extends 'BOOLEAN' ? boolean : string;

/** The row type of a table definition: required columns are non-null, the others may be null. */
export type RowOf<D extends { readonly columns: readonly ColumnDef[] }> = {
  [C in D['columns'][number] as C['name']]: C extends { readonly required: true }
    ? JsOf<C['type']>
    : JsOf<C['type']> | null;
};
