/**
 * Field parsing in the ConductorOne sandbox, by protojson's rules: `null` means the zero value, an int32 may be a
 * string, timestamps are RFC 3339, a `google.protobuf.Any` needs its `@type`, and unknown fields are dropped.
 *
 * Internal module of the ConductorOne sandbox.
 */
import { isJsonObject } from '../../../sandbox/bodies.js';
import type { C1AnyWire } from '../types.js';
import { invalidArgument } from './errors.js';
import { rfc3339 } from './seed.js';

/** A value as an error message quotes it. */
export function describeValue(value: unknown): string {
  // Values come from parsed JSON, or are missing: JSON.stringify writes nothing for undefined.
  return value === undefined ? 'undefined' : JSON.stringify(value);
}

export function parseString(value: unknown, path: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') throw invalidArgument(`invalid value for string field ${path}: ${describeValue(value)}`);
  return value;
}

export function parseBool(value: unknown, path: string): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value !== 'boolean') throw invalidArgument(`invalid value for bool field ${path}: ${describeValue(value)}`);
  return value;
}

export function parseStrings(value: unknown, path: string): string[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw invalidArgument(`invalid value for repeated string field ${path}: ${describeValue(value)}`);
  }
  return [...value];
}

export function parseInt32(value: unknown, path: string): number | null {
  if (value === null || value === undefined) return null;
  const number = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < -(2 ** 31) || number > 2 ** 31 - 1) {
    throw invalidArgument(`invalid value for int32 field ${path}: ${describeValue(value)}`);
  }
  return number;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

export function parseTimestamp(value: unknown, path: string): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string' || !RFC3339.test(value) || Number.isNaN(Date.parse(value))) {
    throw invalidArgument(`invalid google.protobuf.Timestamp value for field ${path}: ${describeValue(value)}`);
  }
  return rfc3339(Date.parse(value));
}

/** A `google.protobuf.Any`: needs a `@type` URL; the other keys are kept as given. */
export function parseAny(value: unknown, path: string): C1AnyWire | null {
  if (value === null || value === undefined) return null;
  if (!isJsonObject(value)) throw invalidArgument(`invalid value for google.protobuf.Any field ${path}: ${describeValue(value)}`);
  const type = value['@type'];
  if (typeof type !== 'string' || !/^[^/\s]+(\/[^/\s]+)*\/[A-Za-z_][\w.]*$/.test(type)) {
    throw invalidArgument(`invalid google.protobuf.Any field ${path}: missing or malformed "@type"`);
  }
  return { ...structuredClone(value), '@type': type };
}

/** A nested message: an object (or `null`, meaning unset) whose known fields are parsed by `parse`. */
export function parseMessage<T>(value: unknown, path: string, parse: (fields: Record<string, unknown>) => T): T | null {
  if (value === null || value === undefined) return null;
  if (!isJsonObject(value)) throw invalidArgument(`invalid value for message field ${path}: ${describeValue(value)}`);
  return parse(value);
}
