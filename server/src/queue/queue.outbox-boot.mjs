// Entry of the outbox drainer's worker thread (queue.outbox-thread.ts): a worker starts
// without the parent's TypeScript loader, so it registers tsx, then loads the worker itself.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.entry);
