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
          keysAllowed: 0,
          keysTotal: 2,
        },
        {
          app: 'grafana',
          chart: 'grafana',
          chartVersion: '10.5.4',
          installs: 'yes',
          upgradeRollback: 'yes',
          deleted: 'yes',
          keysChecked: 2,
          keysAllowed: 1,
          keysTotal: 3,
        },
      ]),
    ).toBe(
      [
        '| App | Chart | Chart version | Installs (running) | Upgrade + rollback | Deleted | Keys checked / total |',
        '|---|---|---|---|---|---|---|',
        '| redis | redis | 19.0.0 | yes | auth.password \\| rollback | yes | 2 / 2 |',
        '| grafana | grafana | 10.5.4 | yes | yes | yes | 2 / 3 (1 not defaulted, allowed) |',
        '',
      ].join('\n'),
    );
  });
});
