// Entry of the bundle the Chromium test loads: the browser build of getFile and the image helpers, on `window`.
import { getFile, getFileBytes } from '../utils/file-utils/get-file.js';
import { loadImg, loadImgFromSource } from '../utils/image-utils/load-img.js';

(globalThis as unknown as { strata: unknown }).strata = { getFile, getFileBytes, loadImg, loadImgFromSource };
