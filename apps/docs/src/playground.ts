/**
 * The live playground: runs a JavaScript snippet against `@strata/core`'s exports (`ops`, `activations`, `tensor`,
 * `grad`…) plus `print`, synchronously inside `tidy()`, and reports what it printed or returned, any error, and how
 * many tensors it left alive.
 *
 * @example
 * runSnippet('return ops.matmul(tensor([[1, 2]]), tensor([[3], [4]]))').lines; // ['Tensor float32 [1,1]\n[[11]]']
 */
import * as strata from '@strata/core';
import { formatValue } from './format.js';

/** The outcome of one run. */
export interface SnippetOutput {
  /** What `print(...)` wrote, then the returned value (if not undefined). */
  lines: string[];
  /** The error's name and message, when the snippet threw or did not compile. */
  error?: string;
  /** Tensors alive after the run that were not before it (kept or variables). */
  leaked: number;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Names a snippet can use: every export of `@strata/core` plus `print`. */
export function snippetGlobals(print: (...values: unknown[]) => void): Record<string, unknown> {
  const scope: Record<string, unknown> = { ...strata, print };
  for (const name of Object.keys(scope)) if (!IDENTIFIER.test(name)) delete scope[name];
  return scope;
}

/** Runs `code` as the body of a function; `return` a value or `print(...)` to see it. */
export function runSnippet(code: string): SnippetOutput {
  const lines: string[] = [];
  const print = (...values: unknown[]): void => {
    lines.push(values.map(formatValue).join(' '));
  };
  const scope = snippetGlobals(print);
  const names = Object.keys(scope);
  const before = strata.numTensors();
  let error: string | undefined;
  try {
    const fn = new Function(...names, `'use strict';\n${code}`) as (...args: unknown[]) => unknown;
    strata.tidy(() => {
      const result = fn(...names.map((n) => scope[n]));
      if (result instanceof Promise) {
        throw new TypeError('the playground runs synchronous code: remove async/await (ops run synchronously)');
      }
      // Format inside tidy(), before the returned tensors are released.
      if (result !== undefined) lines.push(formatValue(result));
    });
  } catch (err) {
    error = err instanceof Error ? `${err.name}: ${err.message}` : `Thrown: ${formatValue(err)}`;
  }
  return { lines, leaked: strata.numTensors() - before, ...(error !== undefined ? { error } : {}) };
}
