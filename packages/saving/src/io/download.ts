/** A browser download: `downloads://<name>` saves each file of the bundle through an `<a download>` click. */
import { ValueError } from '@strata/core';
import type { FileBundle, IOHandler } from './io-handler.js';

/**
 * A write-only handler that makes the browser download the saved files.
 *
 * @example
 * await saveModel(model, 'downloads://my-model.keras');
 */
export function downloadHandler(name: string): IOHandler {
  return {
    name,
    async write(files: FileBundle) {
      if (typeof document === 'undefined' || typeof URL.createObjectURL !== 'function') {
        throw new ValueError('Downloads work in a browser page (they need document and URL.createObjectURL).');
      }
      for (const [fileName, data] of files) {
        const url = URL.createObjectURL(new Blob([data.slice().buffer], { type: 'application/octet-stream' }));
        const a = document.createElement('a');
        a.href = url;
        a.download = fileName;
        a.style.display = 'none';
        document.body.appendChild(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 0);
      }
    },
  };
}
