/**
 * A gate letting `concurrency` calls run at a time, the others in call order.
 * A finished call hands its slot straight to the next waiting one, so a call
 * made meanwhile cannot slip in ahead of it.
 */
export function limiter(concurrency: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    if (active < concurrency) active++;
    else await new Promise<void>(resolve => waiting.push(resolve));
    try {
      return await fn();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}
