/**
 * Writes the backend facts and the example's results into the page. Each container also gets a `data-json`
 * attribute with the raw values, which the browser test reads.
 *
 * @example
 * renderBackend(document.querySelector('#backend')!, getBackend(), { crossOriginIsolated });
 */
import type { BackendInfo } from '@strata/core';
import type { DemoResult } from './demo.js';
import { formatValue } from './format.js';

function fact(list: HTMLElement, term: string, value: string, id: string, note?: string): void {
  const dt = document.createElement('dt');
  dt.textContent = term;
  const dd = document.createElement('dd');
  dd.textContent = value;
  dd.dataset.fact = id;
  if (note) {
    const span = document.createElement('span');
    span.className = 'note';
    span.textContent = ` — ${note}`;
    dd.append(span);
  }
  list.append(dt, dd);
}

/** Fills `list` (a `<dl>`) with the backend's name, SIMD, threads and the page's isolation. */
export function renderBackend(list: HTMLElement, info: BackendInfo, page: { crossOriginIsolated: boolean }): void {
  const { simd, threads, threadsReason } = info.capabilities;
  list.replaceChildren();
  fact(list, 'name', `${info.name} (${info.packageName})`, 'name');
  fact(list, 'SIMD', simd ? 'yes' : 'no', 'simd');
  fact(list, 'threads', String(threads), 'threads', threadsReason);
  fact(list, 'cross-origin isolated', page.crossOriginIsolated ? 'yes' : 'no', 'isolated');
  fact(list, 'logical cores reported', String(navigator.hardwareConcurrency), 'cores');
  list.dataset.json = JSON.stringify({ name: info.name, simd, threads, crossOriginIsolated: page.crossOriginIsolated });
}

function block(title: string, text: string, wide = false): HTMLElement {
  const figure = document.createElement('figure');
  if (wide) figure.className = 'wide';
  const caption = document.createElement('figcaption');
  caption.textContent = title;
  const pre = document.createElement('pre');
  pre.textContent = text;
  figure.append(caption, pre);
  return figure;
}

/** Shows the example's values in `container`. */
export function renderResult(container: HTMLElement, result: DemoResult, elapsedMs: number): void {
  const { n, sum, weightedSum, corner } = result.large;
  container.replaceChildren(
    block('matmul', formatValue(result.matmul)),
    block('grad of sum(x²) at [1, 2, 3]', formatValue(result.gradient)),
    block(
      `a ${n}×${n} matmul`,
      [
        `sum of all entries   ${formatValue(sum)}`,
        `weighted sum         ${formatValue(weightedSum)}`,
        `top-left 3×3         ${formatValue(corner)}`,
        `the three examples took ${elapsedMs.toFixed(1)} ms`,
      ].join('\n'),
      true,
    ),
  );
  container.dataset.json = JSON.stringify(result);
}
