/**
 * Splits a component's props in two: the ones a wrapped component takes
 * (named by a record of its prop names, so a prop it gains but the record
 * lacks fails to compile) and the rest, which go on the element.
 */
export function splitProps<Given extends object, Key extends keyof Given>(
  given: Given,
  keys: Record<Key, true>,
): [Pick<Given, Key>, Omit<Given, Key>] {
  const picked: Partial<Given> = {};
  const rest: Partial<Given> = {};
  for (const name of Object.keys(given) as (keyof Given)[]) {
    if (Object.hasOwn(keys, name)) picked[name] = given[name];
    else rest[name] = given[name];
  }
  return [picked as Pick<Given, Key>, rest as Omit<Given, Key>];
}
