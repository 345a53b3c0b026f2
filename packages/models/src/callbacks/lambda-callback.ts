import { Callback, type HookResult, type Logs } from './callback.js';

type EpochHook = (epoch: number, logs?: Logs) => HookResult;
type BatchHook = (batch: number, logs?: Logs) => HookResult;
type PlainHook = (logs?: Logs) => HookResult;

/** The hooks a {@link LambdaCallback} takes (any of `Callback`'s). */
export interface LambdaCallbackOptions {
  onEpochBegin?: EpochHook;
  onEpochEnd?: EpochHook;
  onTrainBegin?: PlainHook;
  onTrainEnd?: PlainHook;
  onTrainBatchBegin?: BatchHook;
  onTrainBatchEnd?: BatchHook;
  onBatchBegin?: BatchHook;
  onBatchEnd?: BatchHook;
  onTestBegin?: PlainHook;
  onTestEnd?: PlainHook;
  onTestBatchBegin?: BatchHook;
  onTestBatchEnd?: BatchHook;
  onPredictBegin?: PlainHook;
  onPredictEnd?: PlainHook;
  onPredictBatchBegin?: BatchHook;
  onPredictBatchEnd?: (batch: number, logs?: Record<string, unknown>) => HookResult;
}

const HOOKS = [
  'onEpochBegin', 'onEpochEnd', 'onTrainBegin', 'onTrainEnd', 'onTrainBatchBegin', 'onTrainBatchEnd', 'onBatchBegin', 'onBatchEnd',
  'onTestBegin', 'onTestEnd', 'onTestBatchBegin', 'onTestBatchEnd', 'onPredictBegin', 'onPredictEnd', 'onPredictBatchBegin',
  'onPredictBatchEnd',
] as const;

/**
 * A callback made of functions, as `keras.callbacks.LambdaCallback`.
 *
 * @example
 * new LambdaCallback({ onEpochEnd: (epoch, logs) => console.log(epoch, logs?.loss) });
 */
export class LambdaCallback extends Callback {
  constructor(hooks: LambdaCallbackOptions = {}) {
    super();
    for (const [name, fn] of Object.entries(hooks)) {
      if (!(HOOKS as readonly string[]).includes(name)) throw new TypeError(`LambdaCallback: unknown hook "${name}". Accepted: ${HOOKS.join(', ')}.`);
      if (fn !== undefined) (this as unknown as Record<string, unknown>)[name] = fn;
    }
  }
}
