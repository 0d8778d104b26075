import { useEffect, useState } from 'react';
import type { ServiceLogsClient } from '../api/serviceLogs';

/** Lines kept in the browser: older ones are dropped as new ones come. */
export const MAX_LOG_LINES = 5000;
/** Lines asked for when a stream (re)starts. */
export const INITIAL_TAIL_LINES = 500;

export type LogStreamState = 'idle' | 'connecting' | 'live' | 'ended';

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
 * lines; resuming starts afresh from the last INITIAL_TAIL_LINES.
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

  useEffect(() => {
    if (!pod || !live) {
      setState(s => (s === 'idle' ? s : 'ended'));
      return undefined;
    }
    const abort = new AbortController();
    setLines([]);
    setError(undefined);
    setState('connecting');
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
        if (complete.length) setLines(kept => appendLines(kept, complete));
      }
      if (partial) setLines(kept => appendLines(kept, [partial]));
      if (!abort.signal.aborted) setState('ended');
    })().catch(e => {
      if (abort.signal.aborted) return;
      setError(e as Error);
      setState('ended');
    });
    return () => abort.abort();
  }, [client, workspaceId, serviceId, pod, container, timestamps, live]);

  return { lines, state, error };
}
