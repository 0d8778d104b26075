import type { ReactNode } from 'react';
import { act, renderHook, waitFor } from '@testing-library/react';
import { TestApiProvider } from '@backstage/frontend-test-utils';
import { signalApiRef, type SignalApi } from '@backstage/plugin-signals-react';
import {
  workspaceSignalChannel,
  type CloudService,
  type WorkspaceSignal,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { cloudServicesApiRef, type CloudServicesApi } from '../api';
import {
  CONFIG,
  makeService,
  makeTemplate,
  makeWorkspace,
} from '../__testUtils__/fixtures';
import { InMemorySignals } from '../__testUtils__/signals';
import { useServiceData } from './useServiceData';

/** The backend as these hooks see it: the service answers what the test set. */
function backend(initial: CloudService) {
  const state = { service: initial, serviceReads: 0, workspaceReads: 0 };
  const api = {
    async getService() {
      state.serviceReads += 1;
      return state.service;
    },
    async getWorkspace() {
      state.workspaceReads += 1;
      return makeWorkspace('member');
    },
    async getTemplate() {
      return makeTemplate();
    },
    async getConfig() {
      return CONFIG;
    },
  } as Partial<CloudServicesApi> as CloudServicesApi;
  return { state, api };
}

function changed(service: CloudService, serviceId = service.id) {
  return {
    type: 'service-changed',
    workspaceId: service.workspaceId,
    serviceId,
    state: service.state,
    version: service.version,
    helmRevision: service.helmRevision,
    deleted: false,
  } satisfies WorkspaceSignal;
}

function render(api: CloudServicesApi, signals?: SignalApi) {
  const wrapper = ({ children }: { children: ReactNode }) =>
    signals ? (
      <TestApiProvider
        apis={[
          [cloudServicesApiRef, api],
          [signalApiRef, signals],
        ]}
      >
        {children}
      </TestApiProvider>
    ) : (
      <TestApiProvider apis={[[cloudServicesApiRef, api]]}>
        {children}
      </TestApiProvider>
    );
  return renderHook(() => useServiceData('ws1', 'svc1'), { wrapper });
}

describe('useServiceData', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('reloads the service when the backend signals a change of it, and not for another service', async () => {
    const upgrading = makeService({ state: 'upgrading', version: 2 });
    const { state, api } = backend(upgrading);
    const signals = new InMemorySignals();
    const { result } = render(api, signals);
    await waitFor(() =>
      expect(result.current.service.value?.state).toBe('upgrading'),
    );
    const channel = workspaceSignalChannel('ws1');

    // Another service of the workspace changed: nothing to read again.
    act(() => signals.push(channel, changed(upgrading, 'svc2')));
    // A message that is not a workspace signal is ignored.
    act(() => signals.push(channel, { type: 'service-changed' }));
    expect(state.serviceReads).toBe(1);

    state.service = makeService({
      state: 'running',
      version: 3,
      helmRevision: 2,
    });
    act(() => signals.push(channel, changed(state.service)));
    await waitFor(() =>
      expect(result.current.service.value).toMatchObject({
        state: 'running',
        helmRevision: 2,
      }),
    );
    expect(state.serviceReads).toBe(2);
  });

  it('reloads the caller’s workspace (their role) when its members change', async () => {
    const { state, api } = backend(makeService());
    const signals = new InMemorySignals();
    const { result } = render(api, signals);
    await waitFor(() => expect(result.current.workspace.value).toBeDefined());
    expect(state.workspaceReads).toBe(1);
    act(() =>
      signals.push(workspaceSignalChannel('ws1'), {
        type: 'members-changed',
        workspaceId: 'ws1',
      }),
    );
    await waitFor(() => expect(state.workspaceReads).toBe(2));
  });

  it('without signals, polls a transitional service every 3 s', async () => {
    jest.useFakeTimers();
    const { state, api } = backend(makeService({ state: 'upgrading' }));
    const { result } = render(api);
    await waitFor(() =>
      expect(result.current.service.value?.state).toBe('upgrading'),
    );
    state.service = makeService({ state: 'running', version: 3 });
    await act(() => jest.advanceTimersByTimeAsync(3000));
    expect(state.serviceReads).toBe(2);
    expect(result.current.service.value?.state).toBe('running');
    // Settled: no more polling.
    await act(() => jest.advanceTimersByTimeAsync(60_000));
    expect(state.serviceReads).toBe(2);
  });

  it('with signals, keeps only a 30 s safety poll while transitional', async () => {
    jest.useFakeTimers();
    const { state, api } = backend(makeService({ state: 'upgrading' }));
    const { result } = render(api, new InMemorySignals());
    await waitFor(() =>
      expect(result.current.service.value?.state).toBe('upgrading'),
    );
    await act(() => jest.advanceTimersByTimeAsync(3000));
    expect(state.serviceReads).toBe(1);
    // A signal was lost: the safety poll still brings the change.
    state.service = makeService({ state: 'running', version: 3 });
    await act(() => jest.advanceTimersByTimeAsync(27_000));
    expect(state.serviceReads).toBe(2);
    expect(result.current.service.value?.state).toBe('running');
  });
});
