/** URLs, read with `fetch`: the main file and the files beside it (TF.js shards resolve relative to model.json). */
import { ValueError } from '@strata/core';
import { baseName, checkRelativePath, type IOHandler } from './io-handler.js';

/** Options of `urlHandler`. */
export interface UrlHandlerOptions {
  /** The fetch to use (default: the global one). */
  fetch?: typeof fetch;
  /** Passed to every request (headers, credentials…). */
  requestInit?: RequestInit;
  /** Where files beside the main one are fetched from (default: the main URL's folder). */
  weightPathPrefix?: string;
}

/**
 * A read-only handler for a URL.
 *
 * @example
 * const model = await loadModel(urlHandler('https://example.com/model/model.json'));
 */
export function urlHandler(url: string | URL, options: UrlHandlerOptions = {}): IOHandler {
  const base = typeof globalThis.location !== 'undefined' ? globalThis.location.href : undefined;
  const main = new URL(String(url), base);
  const doFetch = options.fetch ?? globalThis.fetch;
  if (typeof doFetch !== 'function') throw new ValueError('Loading from a URL needs fetch(); pass options.fetch.');
  return {
    name: baseName(main.pathname),
    async read(relativePath?: string) {
      const target = relativePath === undefined
        ? main
        : new URL(checkRelativePath(relativePath, main.href), options.weightPathPrefix ? new URL(options.weightPathPrefix, main) : main);
      let response: Response;
      try {
        response = await doFetch(target.href, options.requestInit);
      } catch (e) {
        throw new Error(`Fetching "${target.href}" failed: ${(e as Error).message}`);
      }
      if (!response.ok) throw new Error(`Fetching "${target.href}" failed: HTTP ${response.status} ${response.statusText}.`);
      return new Uint8Array(await response.arrayBuffer());
    },
  };
}
