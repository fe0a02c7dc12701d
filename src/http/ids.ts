import { notFound } from '../errors.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path id that is not even a UUID names nothing: it answers 404 like any unknown id. */
export function pathId(value: string, what: string): string {
  if (!UUID.test(value)) throw notFound(what);
  return value.toLowerCase();
}
