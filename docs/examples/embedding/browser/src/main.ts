// The page: starts the worker, shows its progress and its results, and keeps answering the person meanwhile;
// the frames drawn and the clicks answered while the worker runs show that this thread was never blocked.
import type { FromWorker, ToWorker } from "./messages";

const COUNT = 100_000;

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`#${id} is missing from index.html`);
  return found as T;
}

const start = element<HTMLButtonElement>("start");
const ping = element<HTMLButtonElement>("ping");
const status = element<HTMLOutputElement>("status");
const evaluated = element<HTMLOutputElement>("evaluated");
const frames = element<HTMLOutputElement>("frames");
const clicks = element<HTMLOutputElement>("clicks");
const tally = element<HTMLPreElement>("tally");
const explanation = element<HTMLPreElement>("explanation");

const worker = new Worker(new URL("./worker.ts", import.meta.url), { type: "module" });
let running = false;
let framesWhileRunning = 0;
let clicksWhileRunning = 0;

function countFrame(): void {
  if (!running) return;
  framesWhileRunning++;
  frames.value = String(framesWhileRunning);
  requestAnimationFrame(countFrame);
}

ping.addEventListener("click", () => {
  if (!running) return;
  clicksWhileRunning++;
  clicks.value = String(clicksWhileRunning);
});

start.addEventListener("click", () => {
  running = true;
  start.disabled = true;
  status.value = "berjalan";
  requestAnimationFrame(countFrame);
  const message: ToWorker = { type: "evaluate", count: COUNT };
  worker.postMessage(message);
});

// A worker that fails to load or throws reports it here, not in a message.
worker.addEventListener("error", (event) => {
  running = false;
  status.value = `gagal: ${event.message}`;
});

worker.addEventListener("message", (event: MessageEvent<FromWorker>) => {
  const message = event.data;
  if (message.type === "progress") {
    evaluated.value = String(message.evaluated);
    return;
  }
  running = false;
  start.disabled = false;
  if (message.type === "failed") {
    status.value = `gagal: ${message.message}`;
    return;
  }
  evaluated.value = String(message.evaluated);
  tally.textContent = Object.entries(message.tally)
    .map(([predikat, count]) => `${predikat}: ${count}`)
    .join("\n");
  explanation.textContent = message.explanation;
  status.value = "selesai";
});
