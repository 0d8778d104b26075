import { useEffect, useRef, useState } from 'react';
import { ResponseError } from '@backstage/errors';
import type { ServiceLogsClient } from '../api/serviceLogs';

/** Lines kept in the browser: older ones are dropped as new ones come. */
export const MAX_LOG_LINES = 5000;
/** Lines asked for when a stream (re)starts. */
export const INITIAL_TAIL_LINES = 500;

export type LogStreamState =
  | 'idle'
  | 'connecting'
  | 'live'
  | 'reconnecting'
  | 'ended';

/** Wait before following again a stream that ended by itself (a container restart, a cut connection). */
export const RECONNECT_DELAY_MS = 3000;

export function appendLines(
  kept: string[],
  added: string[],
  max = MAX_LOG_LINES,
): string[] {
  const all = kept.concat(added);
  return all.length > max ? all.slice(all.length - max) : all;
}

/**
 * Follows one container's log while `live`: the lines so far, then each new
 * line as it arrives. Pausing (live false) stops the stream and keeps the
 * lines; resuming starts afresh from the last INITIAL_TAIL_LINES. A stream
 * that ends by itself (the container restarted, the connection was cut) is
 * followed again after RECONNECT_DELAY_MS; a refusal (4xx) is shown instead.
 */
export function useLogStream(opts: {
  client: ServiceLogsClient;
  workspaceId: string;
  serviceId: string;
  pod?: string;
  container?: string;
  timestamps: boolean;
  live: boolean;
}) {
  const { client, workspaceId, serviceId, pod, container, timestamps, live } =
    opts;
  const [lines, setLines] = useState<string[]>([]);
  const [state, setState] = useState<LogStreamState>('idle');
  const [error, setError] = useState<Error>();
  // Bumped to open the stream again after it ended by itself.
  const [attempt, setAttempt] = useState(0);
  const reconnecting = useRef(false);

  useEffect(() => {
    reconnecting.current = false;
  }, [workspaceId, serviceId, pod, container, timestamps, live]);

  useEffect(() => {
    if (!pod || !live) {
      setState(s => (s === 'idle' ? s : 'ended'));
      return undefined;
    }
    const abort = new AbortController();
    let retry: ReturnType<typeof setTimeout> | undefined;
    // A reconnect keeps the lines shown until the new tail arrives.
    let replace = reconnecting.current;
    if (!replace) setLines([]);
    setError(undefined);
    setState(replace ? 'reconnecting' : 'connecting');
    const add = (added: string[]) => {
      if (replace) {
        replace = false;
        setLines(appendLines([], added));
      } else {
        setLines(kept => appendLines(kept, added));
      }
    };
    const again = () => {
      reconnecting.current = true;
      setState('reconnecting');
      retry = setTimeout(() => setAttempt(a => a + 1), RECONNECT_DELAY_MS);
    };
    (async () => {
      const body = await client.openLog(
        workspaceId,
        serviceId,
        {
          pod,
          container,
          follow: 'true',
          timestamps: timestamps ? 'true' : 'false',
          tailLines: INITIAL_TAIL_LINES,
        },
        abort.signal,
      );
      setState('live');
      const reader = body.getReader();
      abort.signal.addEventListener('abort', () => {
        reader.cancel().catch(() => undefined);
      });
      const decoder = new TextDecoder();
      let partial = '';
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        partial += decoder.decode(value, { stream: true });
        const complete = partial.split('\n');
        partial = complete.pop() ?? '';
        if (complete.length) add(complete);
      }
      if (partial) add([partial]);
      // The container restarted or the connection was cut: follow again.
      if (!abort.signal.aborted) again();
    })().catch(e => {
      if (abort.signal.aborted) return;
      if (ResponseError.is(e)) {
        // The backend refused (permission, unknown pod): say why, stop.
        setError(e);
        setState('ended');
      } else {
        again();
      }
    });
    return () => {
      abort.abort();
      if (retry) clearTimeout(retry);
    };
  }, [
    client,
    workspaceId,
    serviceId,
    pod,
    container,
    timestamps,
    live,
    attempt,
  ]);

  return { lines, state, error };
}
