/**
 * The threaded start in Node relies on tfjs-backend-wasm 4.22.0's internals. If an upgrade changes any of them,
 * these tests fail and name what moved; the backend itself would fall back to one thread with that reason.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfjsWasm from '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { TFJS_WASM_VERSION, WORKER_MARKERS, bridgeFor, locateThreadedBuild, type ThreadedModule } from './tfjs-threaded-build.js';

const build = locateThreadedBuild();
const factorySource = readFileSync(build.scriptPath, 'utf8');
const requireCjs = createRequire(import.meta.url);

describe(`tfjs-backend-wasm ${TFJS_WASM_VERSION} internals used by the Node threaded start`, () => {
  it('is exactly the pinned version, in package.json and in our dependency', () => {
    const manifest = JSON.parse(readFileSync(join(build.packageDir, 'package.json'), 'utf8')) as { version: string };
    expect(manifest.version).toBe(TFJS_WASM_VERSION);
    const ours = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { dependencies: Record<string, string> };
    expect(ours.dependencies['@tensorflow/tfjs-backend-wasm']).toBe(TFJS_WASM_VERSION);
  });

  it('exports BackendWasm, setThreadsCount and getThreadsCount, and BackendWasm sizes its pool from the module', () => {
    expect(typeof tfjsWasm.BackendWasm).toBe('function');
    expect(typeof tfjsWasm.setThreadsCount).toBe('function');
    expect(typeof tfjsWasm.getThreadsCount).toBe('function');
    const ctor = tfjsWasm.BackendWasm.toString();
    expect(ctor).toContain('this.wasm.tfjs.initWithThreadsCount(');
    expect(ctor).toContain('this.wasm.tfjs.getThreadsCount()');
  });

  it("builds the same cwrap table as tfjs' own init()", () => {
    const nodeBundle = readFileSync(requireCjs.resolve('@tensorflow/tfjs-backend-wasm'), 'utf8');
    const table = /module\.tfjs = \{([\s\S]*?)\};/.exec(nodeBundle)?.[1];
    expect(table, 'module.tfjs = { ... } in tfjs init()').toBeDefined();
    const theirs = [...table!.matchAll(/(\w+): module\.cwrap\('(\w+)'/g)].map(([, key, fn]) => `${key}=${fn}`).sort();
    const calls: string[] = [];
    const recorder = { cwrap: (name: string) => (calls.push(name), () => undefined) } as unknown as ThreadedModule;
    const bridge = bridgeFor(recorder);
    const ours = Object.keys(bridge).map((key, i) => `${key}=${calls[i]}`).sort();
    expect(ours).toEqual(theirs);
  });

  it('ships the threaded factory, its binary and the pthread worker source in wasm-out/', () => {
    expect(typeof build.factory).toBe('function');
    expect(build.factory.toString().startsWith('function(WasmBackendModuleThreadedSimd)')).toBe(true);
    expect(build.wasmPath.endsWith('wasm-out/tfjs-backend-wasm-threaded-simd.wasm')).toBe(true);
    const worker = requireCjs(join(build.packageDir, 'wasm-out/tfjs-backend-wasm-threaded-simd.worker.js')) as Record<string, unknown>;
    expect(Object.keys(worker)).toEqual(['wasmWorkerContents']);
    expect(typeof worker['wasmWorkerContents']).toBe('string');
    for (const marker of WORKER_MARKERS) expect(worker['wasmWorkerContents'], marker).toContain(marker);
    // tfjs escapes newlines before making its Blob; the source contains "\n" inside string literals only.
    expect(build.workerSource).not.toContain('\n');
    expect(build.workerSource).toContain('fs.writeSync(2,text+"\\n")');
  });

  it('has a pthread pool of 8 workers and reads the core count from the emscripten_num_logical_cores import', () => {
    expect(factorySource).toContain('var pthreadPoolSize=8;');
    expect(factorySource).toContain('function _emscripten_num_logical_cores(){if(ENVIRONMENT_IS_NODE)return require("os").cpus().length;');
    expect(factorySource).toContain('"emscripten_num_logical_cores":_emscripten_num_logical_cores');
    expect(factorySource).toContain('if(Module["instantiateWasm"]){');
    expect(factorySource).toContain('var info={"env":asmLibraryArg');
  });

  it('loads workers from locateFile("…worker.js"), refs a worker while it runs a pthread, and exposes PThread', () => {
    expect(factorySource).toContain('var pthreadMainJs=locateFile("tfjs-backend-wasm-threaded-simd.worker.js");worker=new Worker(pthreadMainJs)');
    expect(factorySource).toContain('worker.runPthread=()=>{if(ENVIRONMENT_IS_NODE){worker.ref()}');
    expect(factorySource).toContain('Module["PThread"]=PThread;');
    expect(factorySource).toContain('"urlOrBlob":Module["mainScriptUrlOrBlob"]||_scriptDir');
    expect(factorySource).toContain('terminateAllThreads:function(){');
  });

  it("turns threads off in Node on tfjs' own path (the reason Strata starts the threaded build itself)", async () => {
    expect(await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')).toBe(false);
  });
});
