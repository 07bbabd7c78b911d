/** The import's progress bar (cli-progress): bytes of the file for the bar and ETA, records per second. Terminals only. */
import cliProgress from 'cli-progress';
import type { Stream } from '../io.js';

export interface Progress {
  update(bytes: number, records: number, rejected: number): void;
  stop(): void;
}

export function progressBar(stream: Stream, totalBytes: number): Progress {
  const started = Date.now();
  const bar = new cliProgress.SingleBar(
    {
      stream: stream as NodeJS.WritableStream,
      format: '{bar} {percentage}% | {records} records | {rate}/s | {rejected} rejected | ETA {eta_formatted}',
      hideCursor: true,
      etaBuffer: 50,
      fps: 10,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(Math.max(1, totalBytes), 0, { records: 0, rate: 0, rejected: 0 });
  return {
    update(bytes, records, rejected) {
      const seconds = (Date.now() - started) / 1000;
      bar.update(bytes, { records, rejected, rate: seconds > 0 ? Math.round(records / seconds) : 0 });
    },
    stop() {
      bar.stop();
    },
  };
}
