// Wire shapes of the helm-operator API (/api/helm-operator). Owned by the
// helm-operator work: requests and responses of every endpoint.
export {};
