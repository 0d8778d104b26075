import { useEffect, useRef, useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';
import {
  subdomainSchema,
  type SubdomainAvailability,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';

/** What is known of a subdomain being typed. */
export type SubdomainCheck =
  /** Empty, or the server could not be asked (`failure` says why). */
  | { state: 'unknown'; failure?: string }
  | { state: 'invalid'; message: string }
  | { state: 'checking' }
  | { state: 'available'; fqdn: string }
  | { state: 'taken'; fqdn: string; reason: string };

/** Wait for typing to pause before asking the server. */
export const SUBDOMAIN_CHECK_DELAY_MS = 400;

/** The format rule broken, in words, or undefined when the subdomain is well formed. */
export function subdomainFormatProblem(subdomain: string): string | undefined {
  const result = subdomainSchema.safeParse(subdomain);
  return result.success ? undefined : result.error.issues[0]?.message;
}

/**
 * The one availability check of a subdomain as the user types, for the
 * launch form and the Scaffolder field: the format and reserved names at
 * once (the -common schema), uniqueness from the server once typing pauses
 * (react-use's debounce). A value typed since makes an answer still on its
 * way count for nothing.
 */
export function useSubdomainAvailability(
  subdomain: string,
  ask: (
    subdomain: string,
    signal: AbortSignal,
  ) => Promise<SubdomainAvailability>,
): SubdomainCheck {
  const [check, setCheck] = useState<SubdomainCheck>({ state: 'unknown' });
  const pending = useRef<AbortController>();
  const latestAsk = useRef(ask);
  latestAsk.current = ask;
  const problem = subdomain ? subdomainFormatProblem(subdomain) : undefined;

  useEffect(() => {
    pending.current?.abort();
    if (!subdomain) setCheck({ state: 'unknown' });
    else if (problem) setCheck({ state: 'invalid', message: problem });
    else setCheck({ state: 'checking' });
  }, [subdomain, problem]);

  useDebounce(
    () => {
      if (!subdomain || problem) return;
      const controller = new AbortController();
      pending.current = controller;
      latestAsk.current(subdomain, controller.signal).then(
        result => {
          if (controller.signal.aborted) return;
          setCheck(
            result.available
              ? { state: 'available', fqdn: result.fqdn }
              : {
                  state: 'taken',
                  fqdn: result.fqdn,
                  reason: result.reason ?? 'is not available',
                },
          );
        },
        (error: Error) => {
          if (!controller.signal.aborted)
            setCheck({ state: 'unknown', failure: error.message });
        },
      );
    },
    SUBDOMAIN_CHECK_DELAY_MS,
    [subdomain, problem],
  );

  useEffect(() => () => pending.current?.abort(), []);
  return check;
}
