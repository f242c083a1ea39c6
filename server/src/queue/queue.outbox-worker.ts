/**
 * The outbox drainer's worker thread (started by queue.outbox-thread.ts):
 * its own event loop, its own PostgreSQL pool and Redis connection, so the
 * drain's round trips never wait behind the main thread's socket work at a
 * fair's peak. It answers the main thread's requests and tells it what was
 * drained (the consents, which refresh staff consoles).
 */
import { parentPort, workerData } from "node:worker_threads";
import { pino } from "pino";
import { openDatabase } from "../plugins/db.js";
import { redactedLoggerOptions } from "../plugins/log-redaction.js";
import { redisConnections } from "../plugins/redis.js";
import { queueKeys } from "./keys.js";
import { QueueOutboxDrainer } from "./queue.outbox.js";
import type { FromWorker, OutboxThreadData, ToWorker } from "./queue.outbox-thread.js";
import { RedisQueueOutbox } from "./queue.redis-outbox.js";

const data = workerData as OutboxThreadData;
const port = parentPort;
if (!port) throw new Error("queue.outbox-worker.ts runs only as a worker thread");
const post = (message: FromWorker) => port.postMessage(message);

const log = pino(redactedLoggerOptions(data.logLevel)).child({ module: "queue-outbox-thread" });
const database = await openDatabase({
  url: data.databaseUrl,
  dataDir: "",
  poolSize: data.poolSize,
  log,
  migrate: false,
});
const redis = redisConnections(data.redisUrl, log, { cluster: data.redisCluster });
const outbox = new RedisQueueOutbox(await redis.connect("outbox"), queueKeys(data.keyPrefix));
const drainer = new QueueOutboxDrainer(outbox, database.db, log, { consumer: data.consumer });
drainer.onDrained((fairId, entries) => {
  // Only what the main thread acts on crosses back: the consents now on record.
  const consents = entries
    .map((entry) => ({ ...entry, records: entry.records.filter((r) => r.kind === "consent") }))
    .filter((entry) => entry.records.length > 0);
  post({ type: "drained", fairId, entries: consents, stats: drainer.stats() });
});

port.on("message", (message: ToWorker) => {
  const answer = async (): Promise<unknown> => {
    switch (message.op) {
      case "drainOnce":
        return drainer.drainOnce();
      case "lag":
        return drainer.lag(message.now);
      case "stats":
        return drainer.stats();
      case "start":
        drainer.start();
        return undefined;
      case "stop":
        return drainer.stop();
      case "close":
        await drainer.stop();
        await redis.close();
        await database.close();
        return undefined;
    }
  };
  answer().then(
    (value) => post({ type: "answer", id: message.id, ok: true, value }),
    (error: unknown) => post({ type: "answer", id: message.id, ok: false, error: String(error) }),
  );
});

drainer.start();
post({ type: "ready" });
