/**
 * `IOHandler`: where a saved model lives. A handler reads and writes a bundle of named files — the main file
 * (`model.keras`, `model.json`, `my.weights.h5`) and any files beside it (TF.js shards, weight shards).
 */

/** Files by name relative to the main file; the main file is under the handler's `name`. */
export type FileBundle = Map<string, Uint8Array>;

/**
 * A place to load from and/or save to. Implement it to add a storage backend.
 *
 * @example
 * const handler: IOHandler = {
 *   name: 'model.keras',
 *   read: async () => bytes,
 * };
 * await loadModel(handler);
 */
export interface IOHandler {
  /** The main file's name; its extension tells the format when saving (`.keras`, `.h5`, `.json`). */
  readonly name: string;
  /** Reads the main file (no argument) or a file beside it (a relative path such as `group1-shard1of1.bin`). */
  read?(relativePath?: string): Promise<Uint8Array>;
  /** Writes every file of `files` (the main one under `name`), all or nothing. */
  write?(files: FileBundle): Promise<void>;
}

/** Refuses relative paths that leave the main file's folder (`../x`, `/x`, `C:\x`). */
export function checkRelativePath(relativePath: string, where: string): string {
  if (
    relativePath === '' || relativePath.includes('\0') || relativePath.startsWith('/') || relativePath.startsWith('\\') ||
    /^[a-zA-Z]:/.test(relativePath) || /^[a-z][a-z0-9+.-]*:/i.test(relativePath) ||
    relativePath.split(/[\\/]/).some((s) => s === '..')
  ) {
    throw new Error(`Refusing the path "${relativePath}" in ${where}: files must stay beside the main file (no "..", absolute paths or URLs).`);
  }
  return relativePath.replace(/^\.\//, '');
}

/** The last path segment of a path or URL (`a/b/model.json` → `model.json`). */
export function baseName(path: string): string {
  const clean = path.split(/[?#]/)[0]!;
  const parts = clean.split(/[\\/]/).filter(Boolean);
  return parts.at(-1) ?? clean;
}
