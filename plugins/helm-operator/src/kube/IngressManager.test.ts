import { parseManifest } from './manifest';
import { pickBackend } from './IngressManager';

// The Services WordPress 19.2.2 renders (helm template), shortened: its
// MariaDB comes first, the web Service has http and https.
const manifest = `
---
apiVersion: v1
kind: Service
metadata: { name: rel-mariadb }
spec: { ports: [{ name: mysql, port: 3306 }] }
---
apiVersion: v1
kind: Service
metadata: { name: rel-wordpress }
spec: { ports: [{ name: http, port: 80 }, { name: https, port: 443 }] }
`;

describe('pickBackend with a declared Service', () => {
  const objects = parseManifest(manifest);

  it('without a declaration keeps the old choice: the first port of the first Service', () => {
    expect(pickBackend(objects)).toEqual({
      serviceName: 'rel-mariadb',
      port: { name: 'mysql', port: 3306 },
    });
  });

  it('routes to the declared Service on the declared port', () => {
    expect(pickBackend(objects, 80, 'rel-wordpress')).toEqual({
      serviceName: 'rel-wordpress',
      port: { name: 'http', port: 80 },
    });
    expect(pickBackend(objects, 443, 'rel-wordpress').port.name).toBe('https');
    expect(pickBackend(objects, undefined, 'rel-wordpress').port.port).toBe(80);
  });

  it('refuses a declared Service or port the release does not have, naming it', () => {
    expect(() => pickBackend(objects, 80, 'rel-web')).toThrow(
      'The release has no Service "rel-web" exposing port 80',
    );
    expect(() => pickBackend(objects, 3306, 'rel-wordpress')).toThrow(
      'The release has no Service "rel-wordpress" exposing port 3306',
    );
  });
});
