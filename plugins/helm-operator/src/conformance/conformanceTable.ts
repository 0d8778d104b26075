import fs from 'node:fs';
import path from 'node:path';

/** One marketplace app in the conformance table; a cell is what was seen, or why nothing was. */
export interface ConformanceRow {
  app: string;
  chart: string;
  chartVersion: string;
  installs: string;
  upgradeRollback: string;
  deleted: string;
  /** Keys found in the chart's values. */
  keysChecked: number;
  /** Keys the chart does not default, allowed with a reason. */
  keysAllowed: number;
  keysTotal: number;
}

const COLUMNS: [keyof ConformanceRow | 'keys', string][] = [
  ['app', 'App'],
  ['chart', 'Chart'],
  ['chartVersion', 'Chart version'],
  ['installs', 'Installs (running)'],
  ['upgradeRollback', 'Upgrade + rollback'],
  ['deleted', 'Deleted'],
  ['keys', 'Keys checked / total'],
];

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

const keysCell = (row: ConformanceRow) =>
  `${row.keysChecked} / ${row.keysTotal}${
    row.keysAllowed ? ` (${row.keysAllowed} not defaulted, allowed)` : ''
  }`;

/** The table as Markdown, one row per app in the order given. */
export function renderConformanceTable(rows: ConformanceRow[]): string {
  const lines = [
    `| ${COLUMNS.map(([, title]) => title).join(' | ')} |`,
    `|${COLUMNS.map(() => '---').join('|')}|`,
    ...rows.map(
      row =>
        `| ${COLUMNS.map(([column]) =>
          column === 'keys' ? keysCell(row) : cell(String(row[column])),
        ).join(' | ')} |`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

/** Writes the report (title, notes, table) where the test stage prints it from. */
export function writeConformanceReport(
  file: string,
  notes: string[],
  rows: ConformanceRow[],
): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(
    file,
    [
      '# Marketplace conformance',
      '',
      ...notes.map(note => `- ${note}`),
      '',
      renderConformanceTable(rows),
    ].join('\n'),
  );
}
