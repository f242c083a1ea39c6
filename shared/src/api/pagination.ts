/**
 * One way to page through lists: `?page=1&pageSize=20` in (1-based, at most
 * 100 a page), `{ items, total, page, pageSize }` out.
 */
import { z } from "zod";

export const paginationQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type PaginationQuery = z.infer<typeof paginationQuerySchema>;

export function pageSchema<Item extends z.ZodType>(item: Item) {
  return z.object({
    items: z.array(item),
    total: z.number().int().min(0),
    page: z.number().int().min(1),
    pageSize: z.number().int().min(1),
  });
}

export interface Page<Item> {
  items: Item[];
  total: number;
  page: number;
  pageSize: number;
}

/** The SQL offset of a page. */
export const offsetOf = (query: PaginationQuery): number => (query.page - 1) * query.pageSize;
