import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';

const API = '/api/woow-cloud-services';

/** This plugin's API as one user, through supertest. */
export function apiAs(server: any, userRef: string) {
  const auth = { Authorization: mockCredentials.user.header(userRef) };
  return {
    get: (p: string) => request(server).get(`${API}${p}`).set(auth),
    post: (
      p: string,
      body: object = {},
      headers: Record<string, string> = {},
    ) =>
      request(server)
        .post(`${API}${p}`)
        .set({ ...auth, ...headers })
        .send(body),
    put: (p: string, body: object) =>
      request(server).put(`${API}${p}`).set(auth).send(body),
    patch: (p: string, body: object, headers: Record<string, string> = {}) =>
      request(server)
        .patch(`${API}${p}`)
        .set({ ...auth, ...headers })
        .send(body),
    del: (p: string, headers: Record<string, string> = {}) =>
      request(server)
        .delete(`${API}${p}`)
        .set({ ...auth, ...headers }),
  };
}

export type ApiClient = ReturnType<typeof apiAs>;
