import { useEffect, useRef } from 'react';
import { useApiHolder } from '@backstage/core-plugin-api';
import { signalApiRef } from '@backstage/plugin-signals-react';
import {
  workspaceSignalChannel,
  workspaceSignalSchema,
  type WorkspaceSignal,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';

/**
 * Whether the app has the signals plugin (`signalApiRef`). Without it pages
 * poll what is transitional as they always did.
 */
export function useSignalsAvailable(): boolean {
  return Boolean(useApiHolder().get(signalApiRef));
}

/**
 * Calls `onSignal` for each change the backend pushes on the workspace's
 * channel (`workspaceSignalChannel`). It subscribes to `signalApiRef` itself
 * rather than through `useSignal`, which keeps only the last message: two
 * messages in one render would collapse into one and a page waiting for a
 * service could miss its change. Messages that are not of
 * `workspaceSignalSchema` or name another workspace are ignored.
 */
export function useWorkspaceSignals(
  workspaceId: string,
  onSignal: (signal: WorkspaceSignal) => void,
): void {
  const signals = useApiHolder().get(signalApiRef);
  const handler = useRef(onSignal);
  handler.current = onSignal;

  useEffect(() => {
    if (!signals) return undefined;
    const subscription = signals.subscribe(
      workspaceSignalChannel(workspaceId),
      message => {
        const parsed = workspaceSignalSchema.safeParse(message);
        if (parsed.success && parsed.data.workspaceId === workspaceId) {
          handler.current(parsed.data);
        }
      },
    );
    return () => subscription.unsubscribe();
  }, [signals, workspaceId]);
}

/** Calls `onChange` when the backend says this service changed. */
export function useServiceSignals(
  workspaceId: string,
  serviceId: string,
  onChange: () => void,
): void {
  useWorkspaceSignals(workspaceId, signal => {
    if (signal.type === 'service-changed' && signal.serviceId === serviceId) {
      onChange();
    }
  });
}
