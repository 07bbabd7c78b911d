/** What a CLI run reads and writes: injected, so tests run commands in-process with their own HOME and env. */
export interface Stream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface Io {
  stdout: Stream;
  stderr: Stream;
  env: Record<string, string | undefined>;
  /**
   * A signal aborted when the user interrupts (Ctrl-C), for commands that run until then (`audit tail
   * --follow`). Asked for only by them: listening for SIGINT turns off Node's default exit on it.
   */
  interruption?: () => AbortSignal;
}

export const processIo = (): Io => ({
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  interruption: () => {
    const controller = new AbortController();
    process.once('SIGINT', () => {
      controller.abort();
      // fetch's idle keep-alive connections would hold the process for seconds more; the command has
      // finished writing by then, so leave once it has had a moment to.
      setTimeout(() => process.exit(), 500).unref();
    });
    return controller.signal;
  },
});
