// The wasm backend must learn where Vite put its .wasm files before @strata/core starts it: import this first.
import '@strata/backend-wasm/vite';
import './style.css';

const status = document.querySelector<HTMLElement>('#status')!;

function showError(message: string): void {
  status.dataset.status = 'error';
  status.textContent = message;
}

window.addEventListener('error', (event) => showError(`Error: ${event.message}`));
window.addEventListener('unhandledrejection', (event) => showError(`Unhandled rejection: ${String(event.reason)}`));

try {
  // Loading the app imports @strata/core, which starts the backend (top-level await); a failure shows on the page.
  const { start } = await import('./app.js');
  const backend = start(document);
  // Hidden hook for the Chromium training test (test/training.test.ts); its module loads only when called.
  (window as unknown as { strataTrainingCheck?: () => Promise<unknown> }).strataTrainingCheck = async () =>
    (await import('./training-check.js')).runTrainingCheck();
  status.dataset.status = 'ready';
  status.textContent = `Ready: ${backend.name} backend.`;
} catch (err) {
  console.error(err);
  showError(`The backend failed to start: ${err instanceof Error ? err.message : String(err)}`);
}
