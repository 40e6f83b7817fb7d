import { type PartSidecar, type SliceProgress, writeSidecar } from "../files/part-file.js";
import { asWriteError } from "../files/part-file-writer.js";

/**
 * Keeps the sidecar of a sliced download up to date: each slice's `written` is saved after
 * every `everyBytes` written in all, and whenever asked. Saves never overlap, and each one
 * records bytes already on disk, so a crash can only make a slice resume a little earlier.
 */
export class SliceJournal {
  #unsaved = 0;
  #saving: Promise<void> | undefined;
  #again = false;

  constructor(
    private readonly file: string,
    private readonly object: Omit<PartSidecar, "version" | "slices">,
    private readonly slices: readonly SliceProgress[],
    private readonly everyBytes: number,
  ) {}

  /** Counts bytes a slice wrote; saves in the background once enough have accumulated. */
  note(bytes: number): void {
    this.#unsaved += bytes;
    // A background save that fails is retried by the next one; the final save reports it.
    if (this.#unsaved >= this.everyBytes) this.save().catch(() => undefined);
  }

  /** Saves the slices' progress now (after any save under way). */
  save(): Promise<void> {
    this.#unsaved = 0;
    if (this.#saving) {
      this.#again = true;
      return this.#saving;
    }
    this.#saving = (async () => {
      do {
        this.#again = false;
        const sidecar: PartSidecar = {
          version: 2,
          ...this.object,
          slices: this.slices.map(({ start, end, written }) => ({ start, end, written })),
        };
        await writeSidecar(this.file, sidecar).catch((error: unknown) => {
          throw asWriteError(error, this.file);
        });
      } while (this.#again);
    })().finally(() => {
      this.#saving = undefined;
    });
    return this.#saving;
  }
}
