/**
 * A fast, stable string hash in two 32-bit lanes (cyrb53-style mixing). Shared by `hash64` (ids for
 * rows that have none) and the store's id filter (lib/store/id-filter.ts), which needs two independent
 * hashes for its probes.
 */
export function hashLanes(text: string): [number, number] {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h1 >>> 0, h2 >>> 0];
}

/** A fast, stable 64-bit string hash as 16 hex digits. */
export function hash64(text: string): string {
  const [h1, h2] = hashLanes(text);
  return h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0');
}
