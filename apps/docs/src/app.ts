/**
 * The page once `@strata/core` is loaded: shows the backend, runs the example and mounts the playground.
 *
 * @example
 * const { start } = await import('./app.js');
 * start(document); // { name: 'wasm', … }
 */
import { getBackend, type BackendInfo } from '@strata/core';
import { runDemo } from './demo.js';
import { mountPlayground } from './playground-view.js';
import { renderBackend, renderResult } from './render.js';

/** Fills in the page; returns the backend the example ran on. */
export function start(doc: Document): BackendInfo {
  const backend = getBackend();
  const crossOriginIsolated = doc.defaultView?.crossOriginIsolated === true;
  renderBackend(doc.querySelector<HTMLElement>('#backend')!, backend, { crossOriginIsolated });
  const started = performance.now();
  const result = runDemo();
  renderResult(doc.querySelector<HTMLElement>('#result')!, result, performance.now() - started);
  mountPlayground(
    doc.querySelector<HTMLTextAreaElement>('#code')!,
    doc.querySelector<HTMLButtonElement>('#run')!,
    doc.querySelector<HTMLElement>('#output')!,
  );
  return backend;
}
