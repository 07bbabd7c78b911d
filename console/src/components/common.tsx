/** Small shared pieces: loading data with its error, error banners, badges. */
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api.js';

export interface Loaded<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload: () => void;
  /** Shows `data` without a round trip (a write's answer: reads by id may lag behind it on a GSI). */
  set: (data: T) => void;
}

/** Runs `load` whenever `deps` change; `reload` runs it again (after a write). */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: Error; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true, error: undefined }));
    load().then(
      (data) => live && setState({ data, loading: false }),
      (error: Error) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  const set = useCallback((data: T) => setState({ data, loading: false }), []);
  return { ...state, reload, set } as Loaded<T>;
}

export function ErrorBox({ error }: { error: Error | undefined }) {
  if (!error) return null;
  const extra = error instanceof ApiError && error.status === 403 ? ' Your role in this workspace does not allow it.' : '';
  return (
    <p class="error" role="alert">
      {error.message}
      {extra}
    </p>
  );
}

export function Loading({ what }: { what: string }) {
  return <p class="muted" aria-live="polite">Loading {what}…</p>;
}

export function Badge({ kind, children }: { kind: string; children: ComponentChildren }) {
  return <span class={`badge badge-${kind}`}>{children}</span>;
}

export const when = (iso: string | undefined) => (iso ? new Date(iso).toLocaleString() : '');
