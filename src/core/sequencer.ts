/**
 * Orders two S3 event `sequencer` values of the same key: negative when `a` is the earlier event.
 * S3 documents the rule: the values are hexadecimal strings of varying length; right-pad the
 * shorter one with zeros, then compare them as strings (AWS docs, "Event message structure").
 * Only events of one key are comparable this way.
 *
 * @example compareSequencers('0055AED6DCD90281E5', '0055AED6DCD90281E6') // -1
 * @example compareSequencers('0A', '0A00') // 0
 */
export function compareSequencers(a: string, b: string): number {
  const width = Math.max(a.length, b.length);
  const left = a.toUpperCase().padEnd(width, '0');
  const right = b.toUpperCase().padEnd(width, '0');
  return left < right ? -1 : left > right ? 1 : 0;
}

/** S3 sequencers are hexadecimal; anything else cannot be ordered and is not used. */
export const SEQUENCER_RE = /^[0-9A-Fa-f]{1,64}$/;
