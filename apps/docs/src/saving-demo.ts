// A page for the browser test of @strata/saving (apps/docs/test/saving.test.ts): loads Keras-written files from
// URLs, round-trips a model through IndexedDB, File/Blob objects and the TF.js format, and starts a download. It
// reports each step's predictions (and any error) as JSON on <body data-result>.
import '@strata/backend-wasm/vite';
import { tensor, type Tensor } from '@strata/core';
import { blobHandler, loadModel, loadWeights, memoryHandler, saveModel } from '@strata/saving';

type Model = Awaited<ReturnType<typeof loadModel>>;

interface CaseJson {
  inputs: Array<{ __ndarray__: string; shape: number[] }>;
}

function decode(e: { __ndarray__: string; shape: number[] }): Tensor {
  const bin = atob(e.__ndarray__);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return tensor(new Float32Array(bytes.buffer), e.shape);
}

function predict(model: Model, xs: Tensor[]): number[][] {
  const out = model.predict<Tensor | Tensor[]>(xs.length === 1 ? xs[0]! : xs);
  const list = Array.isArray(out) ? out : [out];
  const values = list.map((t) => Array.from(t.dataSync() as Float32Array));
  for (const t of list) t.dispose();
  return values;
}

/** Runs every step on the case served under `base` (`fixtures/<case>/`); each step's predictions by name. */
export async function runSavingDemo(base: string): Promise<Record<string, unknown>> {
  const results: Record<string, unknown> = {};
  const c = (await (await fetch(`${base}case.json`)).json()) as CaseJson;
  const xs = c.inputs.map(decode);
  const step = async (name: string, fn: () => Promise<unknown>): Promise<void> => {
    try {
      results[name] = await fn();
    } catch (e) {
      results[name] = { error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
    }
  };
  const model = await loadModel(`${base}model.keras`);
  results['url .keras'] = predict(model, xs);
  await step('url .h5', async () => predict(await loadModel(`${base}model.h5`), xs));
  await step('url .weights.h5 into the loaded model', async () => {
    const copy = await loadModel(`${base}model.keras`);
    await loadWeights(copy, `${base}model.weights.h5`);
    return predict(copy, xs);
  });
  await step('indexeddb', async () => {
    await saveModel(model, 'indexeddb://saving-demo');
    return predict(await loadModel('indexeddb://saving-demo'), xs);
  });
  await step('File (.keras)', async () => {
    const mem = memoryHandler('model.keras');
    await saveModel(model, mem);
    return predict(await loadModel(new File([mem.files.get('model.keras')!.slice()], 'model.keras')), xs);
  });
  await step('ArrayBuffer (.h5)', async () => {
    const mem = memoryHandler('model.h5');
    await saveModel(model, mem);
    return predict(await loadModel(mem.files.get('model.h5')!.slice().buffer), xs);
  });
  await step('Files (TF.js model.json + shards)', async () => {
    const mem = memoryHandler('model.json');
    await saveModel(model, mem, { tfjs: { shardBytes: 64 } });
    const files = [...mem.files].map(([name, bytes]) => new File([bytes.slice()], name));
    files.sort((a, b) => Number(b.name === 'model.json') - Number(a.name === 'model.json'));
    return predict(await loadModel(blobHandler(files)), xs);
  });
  await step('a path is refused with a clear error', async () => {
    await saveModel(model, memoryHandler('x.keras'));
    try {
      await loadModel('/definitely/not/served.keras');
      return 'loaded?';
    } catch (e) {
      return (e as Error).message.slice(0, 200);
    }
  });
  await step('download', async () => {
    await saveModel(model, 'downloads://saving-demo');
    return 'started';
  });
  return results;
}

const base = new URLSearchParams(location.search).get('case');
if (base) {
  runSavingDemo(base).then(
    (r) => { document.body.dataset.result = JSON.stringify(r); },
    (e: unknown) => { document.body.dataset.result = JSON.stringify({ fatal: String(e) }); },
  );
}
