/** Waiting on state, not on time. */

/** Polls `read` until `done` holds for its value, or fails after `timeoutMs`. */
export async function eventually<T>(
  read: () => Promise<T> | T,
  done: (value: T) => boolean,
  timeoutMs = 20_000,
  what = "condition",
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(
        `${what} not met within ${timeoutMs} ms (last: ${JSON.stringify(value)?.slice(0, 500)})`,
      );
    await new Promise((r) => setTimeout(r, 100));
  }
}
