/**
 * Pulls bytes from an async source on demand: exact reads for headers, and chunks of whatever
 * is at hand for entry data, so entry bytes are passed on without being copied.
 */
export class ByteReader {
  readonly #source: AsyncIterator<Uint8Array>;
  #buffer: Uint8Array = new Uint8Array(0);
  #done = false;
  /** Bytes handed out so far (the position in the archive). */
  position = 0;

  constructor(source: AsyncIterable<Uint8Array>) {
    this.#source = source[Symbol.asyncIterator]();
  }

  /** Makes at least `n` bytes available; false when the source ends first. */
  async fill(n: number): Promise<boolean> {
    while (this.#buffer.length < n && !this.#done) {
      const next = await this.#source.next();
      if (next.done) {
        this.#done = true;
        break;
      }
      if (next.value.length === 0) continue;
      if (this.#buffer.length === 0) {
        this.#buffer = next.value;
      } else {
        const joined = new Uint8Array(this.#buffer.length + next.value.length);
        joined.set(this.#buffer);
        joined.set(next.value, this.#buffer.length);
        this.#buffer = joined;
      }
    }
    return this.#buffer.length >= n;
  }

  /** The bytes at hand, without consuming them (call {@link fill} first). */
  get available(): Uint8Array {
    return this.#buffer;
  }

  /** Consumes and returns the first `n` bytes at hand. */
  take(n: number): Uint8Array {
    const taken = this.#buffer.subarray(0, n);
    this.#buffer = this.#buffer.subarray(n);
    this.position += taken.length;
    return taken;
  }

  /** Gives the rest of the source back, so its producer can stop. */
  async close(): Promise<void> {
    if (!this.#done) {
      this.#done = true;
      await this.#source.return?.();
    }
  }
}
