// For the Chromium test bundle only: the error classes getFile and loadImg import from @strata/core, without the
// tensor backend (which would need its .wasm files served). Same names and base class as core's.
export class ValueError extends Error {
  override name = 'ValueError';
}
export class NotImplementedError extends Error {
  override name = 'NotImplementedError';
}
