import { kubeErrorToSafe } from './kubeErrors';

const forbidden = (message: string) => ({
  code: 403,
  body: JSON.stringify({ kind: 'Status', message }),
});

describe('kubeErrorToSafe', () => {
  it("says a namespace's deployer lacking a right is fixed by ensuring the namespace (409)", () => {
    const err = kubeErrorToSafe(
      forbidden(
        'leases.coordination.k8s.io is forbidden: User "system:serviceaccount:paas-ws-a:paas-deployer" cannot create resource "leases" in API group "coordination.k8s.io" in the namespace "paas-ws-a"',
      ),
      'Locking release "paas-ws-a-x"',
    );
    expect(err).toMatchObject({ name: 'ConflictError' });
    expect(err.message).toMatch(
      /ensure the namespace again with POST \/namespaces/,
    );
  });

  it("keeps the operator's own missing rights a deployment problem (503)", () => {
    const err = kubeErrorToSafe(
      forbidden(
        'users "system:serviceaccount:paas-ws-a:paas-deployer" is forbidden: User "system:serviceaccount:paas-system:paas-operator" cannot impersonate resource "serviceaccounts"',
      ),
      'Locking release "paas-ws-a-x"',
    );
    expect(err).toMatchObject({ name: 'ServiceUnavailableError' });
  });
});
