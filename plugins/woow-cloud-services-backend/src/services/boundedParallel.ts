/**
 * Runs `tasks` at most `limit` at a time, in order. Once `signal` aborts no
 * task starts any more (those running finish). Returns the indexes of the
 * tasks that never started, so their caller can give their work back.
 * A task's rejection is its own business: tasks are expected to catch.
 */
export async function runBounded(
  tasks: Array<() => Promise<void>>,
  limit: number,
  signal?: AbortSignal,
): Promise<number[]> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length && !signal?.aborted) {
      const task = tasks[next++];
      await task();
    }
  };
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(limit, tasks.length)) }, worker),
  );
  return Array.from(
    { length: tasks.length - next },
    (_unused, offset) => next + offset,
  );
}
