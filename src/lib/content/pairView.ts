/**
 * A pair page in either order: `/compare/<a>/<b>/` shows a's labels as rows; the reverse order
 * shows the same comparison transposed. Cells always link to the canonical order's cell pages.
 */
import { labelKey } from '../compare/comparisons.ts';
import type { PairData, ReportRef, RunRef } from './types.ts';

export interface PairView {
  readonly data: PairData;
  readonly reversed: boolean;
  readonly first: RunRef & { readonly total: number };
  readonly second: RunRef & { readonly total: number };
  readonly onlyFirst: readonly ReportRef[];
  readonly onlySecond: readonly ReportRef[];
  readonly rows: readonly string[];
  readonly columns: readonly string[];
  readonly rowKeys: readonly string[];
  readonly columnKeys: readonly string[];
  readonly matrix: readonly (readonly number[])[];
  /** `cellAt[i][j]`: index into `data.cells` of the cell shown at row i, column j (or -1). */
  readonly cellAt: readonly (readonly number[])[];
}

export function pairView(data: PairData, reversed: boolean): PairView {
  const rows = reversed ? data.columns : data.rows;
  const columns = reversed ? data.rows : data.columns;
  const matrix = reversed ? data.columns.map((_, j) => data.rows.map((_, i) => data.matrix[i]![j]!)) : data.matrix;
  const cellIndex = new Map(data.cells.map((c, i) => [`${labelKey(c.a)}\0${labelKey(c.b)}`, i]));
  const cellAt = rows.map((r) =>
    columns.map((c) => cellIndex.get(reversed ? `${labelKey(c)}\0${labelKey(r)}` : `${labelKey(r)}\0${labelKey(c)}`) ?? -1),
  );
  return {
    data,
    reversed,
    first: reversed ? data.b : data.a,
    second: reversed ? data.a : data.b,
    onlyFirst: reversed ? data.onlyB : data.onlyA,
    onlySecond: reversed ? data.onlyA : data.onlyB,
    rows,
    columns,
    rowKeys: reversed ? data.columnKeys : data.rowKeys,
    columnKeys: reversed ? data.rowKeys : data.columnKeys,
    matrix,
    cellAt,
  };
}

/** The matrix as CSV rows: header of column labels, one row per row label, totals last. */
export function matrixRows(view: Pick<PairView, 'first' | 'second' | 'rows' | 'columns' | 'matrix'>): string[][] {
  const colTotals = view.columns.map((_, j) => view.matrix.reduce((s, row) => s + row[j]!, 0));
  return [
    [`${view.first.name} \\ ${view.second.name}`, ...view.columns, 'total'],
    ...view.rows.map((r, i) => [r, ...view.matrix[i]!.map(String), String(view.matrix[i]!.reduce((a, b) => a + b, 0))]),
    ['total', ...colTotals.map(String), String(colTotals.reduce((a, b) => a + b, 0))],
  ];
}
