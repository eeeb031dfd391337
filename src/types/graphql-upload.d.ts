// Type declarations for the parts of graphql-upload 17 the gateway uses (the package types itself with JSDoc
// in .mjs files, which TypeScript reads only with allowJs).
declare module 'graphql-upload/processRequest.mjs' {
  import type { IncomingMessage, ServerResponse } from 'node:http';
  import type { Readable } from 'node:stream';

  /** A file of a GraphQL multipart request. */
  export interface FileUpload {
    /** Undefined for a part without one that busboy still takes for a file (an `application/octet-stream` part). */
    filename: string | undefined;
    mimetype: string;
    encoding: string;
    createReadStream(options?: { encoding?: BufferEncoding; highWaterMark?: number }): Readable;
  }

  export interface ProcessRequestOptions {
    maxFieldSize?: number;
    maxFileSize?: number;
    maxFiles?: number;
  }

  /** Parses a multipart request into operations whose Upload variables hold Upload instances. */
  export default function processRequest(
    request: IncomingMessage,
    response: ServerResponse,
    options?: ProcessRequestOptions,
  ): Promise<Record<string, unknown> | Record<string, unknown>[]>;
}

declare module 'graphql-upload/GraphQLUpload.mjs' {
  import type { GraphQLScalarType } from 'graphql';
  const GraphQLUpload: GraphQLScalarType;
  export default GraphQLUpload;
}
