/** Hostile variants of a valid body for property tests (fast-check): each field kept, swapped or left out. */
import fc from "fast-check";

export function mutated(valid: Record<string, unknown>, hostile: fc.Arbitrary<unknown>) {
  return fc
    .tuple(
      ...Object.keys(valid).map((key) =>
        fc.oneof(
          { weight: 3, arbitrary: fc.constant(valid[key]) },
          { weight: 2, arbitrary: hostile },
          { weight: 1, arbitrary: fc.constant(undefined) },
        ),
      ),
    )
    .map((values) => Object.fromEntries(Object.keys(valid).map((key, at) => [key, values[at]])));
}
