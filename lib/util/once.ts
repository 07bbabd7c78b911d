/** `make`'s result, made on the first call and shared by every later one (a promise: started once, shared). */
export function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}
