import {
  DependencyList,
  useCallback,
  useEffect,
  useRef,
  useState,
} from 'react';

export interface PolledResource<T> {
  value?: T;
  error?: Error;
  /** True until the first load for the current deps has finished. */
  loading: boolean;
  /** Loads again without clearing what is shown. */
  reload: () => Promise<void>;
}

export interface PollOptions<T> {
  /**
   * How long to wait before loading again, given the last value loaded and
   * the error of the latest attempt (if it failed); undefined stops polling
   * (for example once a service has settled).
   */
  pollMs?: (value: T | undefined, error?: Error) => number | undefined;
}

function isHidden() {
  return (
    typeof document !== 'undefined' && document.visibilityState === 'hidden'
  );
}

/**
 * Loads a value and, while `pollMs` says so, loads it again after each
 * answer. `reload` (a user action, a pushed signal) loads at once; only the
 * latest request's answer is kept. Refreshes keep the last value on screen,
 * so polling does not flash a spinner; polling pauses while the browser tab
 * is hidden.
 */
export function usePolledResource<T>(
  load: () => Promise<T>,
  deps: DependencyList,
  options: PollOptions<T> = {},
): PolledResource<T> {
  const [state, setState] = useState<{
    value?: T;
    error?: Error;
    loading: boolean;
  }>({ loading: true });
  const loadRef = useRef(load);
  loadRef.current = load;
  const pollRef = useRef(options.pollMs);
  pollRef.current = options.pollMs;
  // Answers to requests made for older deps are dropped.
  const generation = useRef(0);
  // So are answers overtaken by a later request (a reload while a poll is in
  // flight): an older answer must not replace a newer one.
  const latestRequest = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout>>();

  // The last value loaded for the current deps; polling decisions use it even
  // when a refresh fails, so one network hiccup does not stop the polling.
  const latest = useRef<T>();

  const run = useCallback(async (gen: number) => {
    clearTimeout(timer.current);
    const request = ++latestRequest.current;
    const stale = () =>
      gen !== generation.current || request !== latestRequest.current;
    let error: Error | undefined;
    try {
      const value = await loadRef.current();
      if (stale()) return;
      latest.current = value;
      setState({ value, loading: false });
    } catch (e) {
      if (stale()) return;
      error = e instanceof Error ? e : new Error(String(e));
      const failure = error;
      setState(prev => ({ value: prev.value, error: failure, loading: false }));
    }
    const schedule = (ms: number) => {
      timer.current = setTimeout(() => {
        if (gen !== generation.current) return;
        if (isHidden()) schedule(ms);
        else run(gen);
      }, ms);
    };
    const next = pollRef.current?.(latest.current, error);
    if (next !== undefined) schedule(next);
  }, []);

  useEffect(() => {
    generation.current += 1;
    latest.current = undefined;
    setState({ loading: true });
    run(generation.current);
    return () => {
      generation.current += 1;
      clearTimeout(timer.current);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  const reload = useCallback(() => run(generation.current), [run]);

  return { ...state, reload };
}
