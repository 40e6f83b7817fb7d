/** React and TanStack Query versions of one entry of the version matrix (vitest.matrix.ts). */
export interface MatrixVersions {
  react: string;
  query: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    /** The versions the current matrix entry must load. */
    matrix: MatrixVersions;
    /** Every entry's versions. */
    allMatrixVersions: MatrixVersions[];
  }
}
