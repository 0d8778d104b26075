import { act, renderHook, waitFor } from '@testing-library/react';
import { usePolledResource } from './usePolledResource';

describe('usePolledResource', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('polls while asked to and stops once the value settles', async () => {
    jest.useFakeTimers();
    const states = ['deploying', 'deploying', 'running'];
    const load = jest.fn(async () => states.shift() ?? 'running');
    const { result } = renderHook(() =>
      usePolledResource(load, [], {
        pollMs: v => (v === 'running' ? undefined : 3000),
      }),
    );
    await waitFor(() => expect(result.current.value).toBe('deploying'));
    expect(result.current.loading).toBe(false);
    await act(() => jest.advanceTimersByTimeAsync(3000));
    expect(load).toHaveBeenCalledTimes(2);
    await act(() => jest.advanceTimersByTimeAsync(3000));
    expect(result.current.value).toBe('running');
    await act(() => jest.advanceTimersByTimeAsync(30000));
    expect(load).toHaveBeenCalledTimes(3);
  });

  it('keeps the last value when a refresh fails, and reports the error', async () => {
    let fail = false;
    const { result } = renderHook(() =>
      usePolledResource(async () => {
        if (fail) throw new Error('network down');
        return 'v1';
      }, []),
    );
    await waitFor(() => expect(result.current.value).toBe('v1'));
    fail = true;
    await act(() => result.current.reload());
    expect(result.current.value).toBe('v1');
    expect(result.current.error?.message).toBe('network down');
  });

  it('drops answers for older deps', async () => {
    const resolvers: Record<string, (v: string) => void> = {};
    const { result, rerender } = renderHook(
      ({ id }: { id: string }) =>
        usePolledResource(
          () =>
            new Promise<string>(r => {
              resolvers[id] = r;
            }),
          [id],
        ),
      { initialProps: { id: 'a' } },
    );
    rerender({ id: 'b' });
    await act(async () => resolvers.b('from b'));
    await act(async () => resolvers.a('from a'));
    expect(result.current.value).toBe('from b');
  });

  it('does not poll while the browser tab is hidden', async () => {
    jest.useFakeTimers();
    const visibility = jest
      .spyOn(document, 'visibilityState', 'get')
      .mockReturnValue('hidden');
    const load = jest.fn(async () => 'x');
    renderHook(() => usePolledResource(load, [], { pollMs: () => 5000 }));
    await act(() => jest.advanceTimersByTimeAsync(0));
    expect(load).toHaveBeenCalledTimes(1);
    await act(() => jest.advanceTimersByTimeAsync(20000));
    expect(load).toHaveBeenCalledTimes(1);
    visibility.mockReturnValue('visible');
    await act(() => jest.advanceTimersByTimeAsync(5000));
    expect(load).toHaveBeenCalledTimes(2);
    visibility.mockRestore();
  });
});

describe('usePolledResource after a failed refresh', () => {
  afterEach(() => jest.useRealTimers());

  it('keeps polling with the last value when one refresh fails', async () => {
    jest.useFakeTimers();
    const answers: Array<string | Error> = [
      'deploying',
      new Error('blip'),
      'running',
    ];
    const load = jest.fn(async () => {
      const next = answers.shift() ?? 'running';
      if (next instanceof Error) throw next;
      return next;
    });
    const { result } = renderHook(() =>
      usePolledResource(load, [], {
        pollMs: v => (v === 'deploying' ? 3000 : undefined),
      }),
    );
    await act(() => jest.advanceTimersByTimeAsync(0));
    await act(() => jest.advanceTimersByTimeAsync(3000));
    expect(result.current.error?.message).toBe('blip');
    expect(result.current.value).toBe('deploying');
    await act(() => jest.advanceTimersByTimeAsync(3000));
    expect(result.current.value).toBe('running');
    expect(load).toHaveBeenCalledTimes(3);
  });

  it('keeps the answer of the latest request when a reload overtakes a slower one', async () => {
    const resolvers: Array<(v: string) => void> = [];
    const { result } = renderHook(() =>
      usePolledResource(
        () =>
          new Promise<string>(r => {
            resolvers.push(r);
          }),
        [],
      ),
    );
    // The first load is still in flight when a signal asks to reload.
    act(() => {
      result.current.reload();
    });
    await act(async () => resolvers[1]('new'));
    await act(async () => resolvers[0]('old'));
    expect(result.current.value).toBe('new');
  });
});
