/**
 * Levenshtein distance between two strings.
 *
 * @example
 * ```ts
 * editDistance("youtub", "youtube"); // 1
 * ```
 */
export function editDistance(a: string, b: string): number {
  let previous = [...Array(b.length + 1).keys()];
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The candidate closest to `input`, when it is close enough to be a likely typo
 * (at most a third of the input's length away).
 *
 * @example
 * ```ts
 * didYouMean("myactivity.youtub", RESOURCES); // "myactivity.youtube"
 * didYouMean("banana", RESOURCES);            // undefined
 * ```
 */
export function didYouMean(input: string, candidates: readonly string[]): string | undefined {
  // Cut so that a huge input stays cheap; no candidate is near something this long anyway.
  const needle = input.trim().toLowerCase().slice(0, 99);
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.ceil(needle.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(needle, candidate);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}
