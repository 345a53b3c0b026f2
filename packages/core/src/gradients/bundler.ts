// Browsers and bundlers: tfjs-core's ESM gradient registrations import as they are.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
