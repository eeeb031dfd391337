/**
 * ConductorOne's reason in an error body. Its API is gRPC behind grpc-gateway, which answers a refusal with the
 * `google.rpc.Status` as JSON, `{ code, message, details }`: `code` the numeric gRPC code (a Connect-protocol answer
 * gives its name, `invalid_argument`), `message` the service's text, `details` `google.protobuf.Any` messages. Field
 * problems come from a `google.rpc.BadRequest` detail (`fieldViolations: [{ field, description }]`) or, as
 * protoc-gen-validate and protojson write them into the message, from `invalid <Message>.<field>: <reason>` and
 * `invalid value for <type> field <field>: <value>` (several joined by `; `). Internal module.
 */
import type { UpstreamReason } from '../port.js';
import { isJsonObject, parseJsonObject } from '../../json.js';

/** The gRPC status names by code (google.rpc.Code). */
const GRPC_CODE_NAMES: readonly string[] = [
  'OK',
  'CANCELLED',
  'UNKNOWN',
  'INVALID_ARGUMENT',
  'DEADLINE_EXCEEDED',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'PERMISSION_DENIED',
  'RESOURCE_EXHAUSTED',
  'FAILED_PRECONDITION',
  'ABORTED',
  'OUT_OF_RANGE',
  'UNIMPLEMENTED',
  'INTERNAL',
  'UNAVAILABLE',
  'DATA_LOSS',
  'UNAUTHENTICATED',
];

// `invalid ConnectorServiceCreateRequest.catalogId: value is required` (protoc-gen-validate) and `invalid config: …`.
const VALIDATION = /^invalid ([A-Za-z_][\w.]*(?:\[\d+\])*(?:\.[A-Za-z_]\w*(?:\[\d+\])*)*): (.+)$/s;
// `invalid value for string field catalogId: 42` (protojson).
const PROTOJSON = /^invalid (?:value for [\w. ]+? field|google\.protobuf\.\w+ (?:value for )?field) ([A-Za-z_][\w.[\]]*): (.+)$/s;

/** The reason in a ConductorOne error body; undefined when it is not a `google.rpc.Status`. */
export function conductorOneReasonOf(body: string): UpstreamReason | undefined {
  const parsed = parseJsonObject(body);
  if (!parsed) return undefined;
  const reason: UpstreamReason = {};
  const { code, message } = parsed;
  if (typeof code === 'number' && Number.isInteger(code)) reason.vendorCode = GRPC_CODE_NAMES[code] ?? String(code);
  else if (typeof code === 'string' && code !== '') reason.vendorCode = code.toUpperCase();
  if (typeof message === 'string' && message !== '') reason.message = message;
  const problems = [...violationsOf(parsed.details), ...(reason.message === undefined ? [] : messageProblems(reason.message))];
  if (problems.length > 0) reason.problems = problems;
  return reason.message === undefined && reason.vendorCode === undefined ? undefined : reason;
}

/** The field violations of the `google.rpc.BadRequest` details. */
function violationsOf(details: unknown): { key: string; message: string }[] {
  if (!Array.isArray(details)) return [];
  return details.flatMap((detail: unknown) => {
    if (!isJsonObject(detail) || typeof detail['@type'] !== 'string' || !detail['@type'].endsWith('google.rpc.BadRequest')) return [];
    const violations = Array.isArray(detail.fieldViolations) ? (detail.fieldViolations as unknown[]) : [];
    return violations.flatMap((violation) =>
      isJsonObject(violation) && typeof violation.field === 'string' && typeof violation.description === 'string' && violation.field !== ''
        ? [{ key: violation.field, message: violation.description }]
        : [],
    );
  });
}

/** The longest message read for fields (a validation message is short; a longer one is no validation message). */
const MAX_PARSED_MESSAGE = 8192;

/** The fields that validation messages name: the path below the request message (`catalogId`, `connector.displayName`). */
function messageProblems(message: string): { key: string; message: string }[] {
  if (message.length > MAX_PARSED_MESSAGE) return [];
  return message.split(/; (?=invalid )/).flatMap((part) => {
    const m = PROTOJSON.exec(part) ?? VALIDATION.exec(part);
    if (!m?.[1] || !m[2]) return [];
    const segments = m[1].split('.');
    // A leading message name (`ConnectorServiceCreateRequest.`) is the type, not the field.
    const key = segments.length > 1 && /^[A-Z]/.test(segments[0] ?? '') ? segments.slice(1).join('.') : m[1];
    return [{ key, message: m[2] }];
  });
}
