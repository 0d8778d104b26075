import { renderConformanceTable } from './conformanceTable';

describe('renderConformanceTable', () => {
  it('renders one Markdown row per app, escaping pipes in cells', () => {
    expect(
      renderConformanceTable([
        {
          app: 'redis',
          chart: 'redis',
          chartVersion: '19.0.0',
          installs: 'yes',
          upgradeRollback: 'auth.password | rollback',
          deleted: 'yes',
          keysChecked: 2,
          keysTotal: 2,
        },
      ]),
    ).toBe(
      [
        '| App | Chart | Chart version | Installs (running) | Upgrade + rollback | Deleted | Keys checked / total |',
        '|---|---|---|---|---|---|---|',
        '| redis | redis | 19.0.0 | yes | auth.password \\| rollback | yes | 2 / 2 |',
        '',
      ].join('\n'),
    );
  });
});
