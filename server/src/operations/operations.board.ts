/**
 * Where each process leaves its latest operations figures for the others:
 * one Redis hash (a field per process) when there is Redis, this process's
 * memory otherwise. A process that stopped publishing is dropped from the
 * hash once its figures are a minute old; until then the panel shows it as
 * silent, which is what an operator wants to see after a crash.
 */
import { processFiguresSchema, type ProcessFigures } from "@crossfair/shared";
import type { RedisClient } from "../plugins/redis.js";

const FORGET_AFTER_MS = 60_000;

export interface OperationsBoardStore {
  publish(figures: ProcessFigures): Promise<void>;
  /** Every process's latest figures, oldest process first. */
  list(now: number): Promise<ProcessFigures[]>;
}

const byStart = (a: ProcessFigures, b: ProcessFigures) =>
  b.uptimeSeconds - a.uptimeSeconds || a.processId.localeCompare(b.processId);

export class LocalOperationsBoard implements OperationsBoardStore {
  #figures: ProcessFigures | null = null;

  async publish(figures: ProcessFigures): Promise<void> {
    this.#figures = figures;
  }

  async list(): Promise<ProcessFigures[]> {
    return this.#figures ? [this.#figures] : [];
  }
}

export class RedisOperationsBoard implements OperationsBoardStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly key: string,
  ) {}

  async publish(figures: ProcessFigures): Promise<void> {
    await this.redis.hset(this.key, figures.processId, JSON.stringify(figures));
  }

  async list(now: number): Promise<ProcessFigures[]> {
    const stored = await this.redis.hgetall(this.key);
    const figures: ProcessFigures[] = [];
    const forgotten: string[] = [];
    for (const [processId, raw] of Object.entries(stored)) {
      const parsed = processFiguresSchema.safeParse(safeJson(raw));
      if (!parsed.success || parsed.data.at < now - FORGET_AFTER_MS) forgotten.push(processId);
      else figures.push(parsed.data);
    }
    if (forgotten.length > 0) await this.redis.hdel(this.key, ...forgotten);
    return figures.sort(byStart);
  }
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}
