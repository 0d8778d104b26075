import { assertUpdatable, describeRefusal } from './refusals';

const refusal = {
  kind: 'StatefulSet',
  name: 'db-master',
  fields: ['spec.volumeClaimTemplates[0].spec.resources.requests.storage'],
  message: 'StatefulSet.apps "db-master" is invalid: spec: Forbidden',
};

describe('refusals', () => {
  it('says which object, which field and what the API server said', () => {
    expect(describeRefusal(refusal)).toBe(
      'StatefulSet "db-master" (changing spec.volumeClaimTemplates[0].spec.resources.requests.storage): StatefulSet.apps "db-master" is invalid: spec: Forbidden',
    );
    expect(describeRefusal({ ...refusal, fields: [] })).toBe(
      'StatefulSet "db-master": StatefulSet.apps "db-master" is invalid: spec: Forbidden',
    );
  });

  it('refuses an upgrade with refusals as a 422 UpgradeRefusedError, and lets one without through', () => {
    expect(() => assertUpdatable({ releaseName: 'rel' }, [])).not.toThrow();
    let thrown: any;
    try {
      assertUpdatable({ releaseName: 'rel' }, [refusal]);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toMatchObject({
      name: 'UpgradeRefusedError',
      statusCode: 422,
      message: expect.stringContaining(
        'Upgrade of release "rel" refused before anything was applied: the cluster would not accept StatefulSet "db-master"',
      ),
    });
  });
});
