// The figures table under each statistics chart: one header row of column labels, one row per group
// (reviewer, finding, week) with its label as the row header. Charts show the shape; this gives the numbers.
import type { ReactNode } from 'react';

export interface StatsColumn {
  label: ReactNode;
  title?: string;
}

export interface StatsRow {
  key: string;
  label: ReactNode;
  cells: ReactNode[];
  /** Extra data-* attributes for the row (tests find rows by them). */
  data?: Record<`data-${string}`, string>;
}

export function StatsTable({ testId, caption, columns, rows }: { testId: string; caption?: ReactNode; columns: StatsColumn[]; rows: StatsRow[] }) {
  return (
    <table className="audit-table" data-testid={testId}>
      {caption ? <caption className="table-note">{caption}</caption> : null}
      <thead>
        <tr>
          {columns.map((c, i) => (
            <th key={i} scope="col" title={c.title}>
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} {...r.data}>
            <th scope="row">{r.label}</th>
            {r.cells.map((cell, i) => (
              <td key={i}>{cell}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
