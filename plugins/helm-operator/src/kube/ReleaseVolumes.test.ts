import { parseManifest } from './manifest';
import {
  pvcsHelmWouldDelete,
  releasePvcMatcher,
  volumesSurvivingUninstall,
} from './ReleaseVolumes';
import { pickBackend } from './IngressManager';

const manifest = `
---
apiVersion: v1
kind: Service
metadata: { name: db-headless }
spec: { clusterIP: None, ports: [{ name: tcp, port: 5432 }] }
---
apiVersion: v1
kind: Service
metadata: { name: db }
spec: { ports: [{ name: tcp, port: 5432 }, { name: metrics, port: 9187 }] }
---
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: db }
spec:
  volumeClaimTemplates:
    - metadata: { name: data }
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: uploads
  annotations: { helm.sh/resource-policy: keep }
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: { name: cache }
`;

const pvc = (name: string, labels: Record<string, string> = {}) => ({
  metadata: { name, labels },
});

describe('release PVCs', () => {
  const objects = parseManifest(manifest);

  it('finds claim-template PVCs, declared PVCs and labelled PVCs', () => {
    const matches = releasePvcMatcher('rel', objects);
    expect(matches(pvc('data-db-0'))).toBe(true);
    expect(matches(pvc('data-db-12'))).toBe(true);
    expect(matches(pvc('uploads'))).toBe(true);
    expect(
      matches(pvc('whatever', { 'app.kubernetes.io/instance': 'rel' })),
    ).toBe(true);
    expect(matches(pvc('data-db2-0'))).toBe(false);
    expect(matches(pvc('data-db-x'))).toBe(false);
    expect(
      matches(pvc('other', { 'app.kubernetes.io/instance': 'rel-2' })),
    ).toBe(false);
  });

  it('knows which declared PVCs helm uninstall deletes', () => {
    expect(pvcsHelmWouldDelete(objects)).toEqual(['cache']);
  });

  it('knows which volumes outlive helm uninstall: claim templates and PVCs marked keep', () => {
    expect(volumesSurvivingUninstall(objects)).toEqual([
      'data of StatefulSet db',
      'uploads',
    ]);
    expect(volumesSurvivingUninstall(parseManifest(''))).toEqual([]);
  });
});

describe('pickBackend', () => {
  const objects = parseManifest(manifest);

  it('routes to the first port of the first non-headless Service', () => {
    expect(pickBackend(objects)).toEqual({
      serviceName: 'db',
      port: { name: 'tcp', port: 5432 },
    });
  });

  it('honours a port hint by number or name', () => {
    expect(pickBackend(objects, 9187).port.name).toBe('metrics');
    expect(pickBackend(objects, 'metrics').port.port).toBe(9187);
    expect(() => pickBackend(objects, 8080)).toThrow(
      'The release has no Service exposing port 8080',
    );
  });

  it('refuses a release without a Service', () => {
    expect(() => pickBackend([])).toThrow(/no Service/);
  });
});
