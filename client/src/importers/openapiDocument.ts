/**
 * Reads an OpenAPI or Swagger description and resolves its `$ref`s with @apidevtools/json-schema-ref-parser (JSON or
 * YAML, by the parser's own parsers). The text of the document and of any file it refers to comes from `read`: the
 * adapters do the I/O (the command line reads files; VS Code reads files or fetches a URL with a size limit).
 */
import { ImportError } from './connector';

/** Where a description is and how to read it and the files its `$ref`s name. */
export interface DescriptionSource {
  /** The document's path or URL; relative `$ref`s resolve against it. */
  readonly location: string;
  /** Reads a document or a referenced file (a path or a file:, http: or https: URL); rejects with one sentence. */
  read(url: string): Promise<string>;
}

/** Only what the import reads is dereferenced: not response or request body schemas, which are most of a large description. */
function notRead(path: string): boolean {
  return /\/(?:responses|requestBody|callbacks|examples|links|x-[^/]*)(?:\/|$)|^#\/(?:components|definitions|webhooks|x-[^/]*)(?:\/|$)/.test(path);
}

function describe(error: unknown): string {
  const name = (error as { name?: unknown } | undefined)?.name;
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  if (name === 'MissingPointerError') return `A $ref points at nothing: ${message.replace(/^Error resolving \$ref pointer\s*/i, '')}`;
  if (name === 'ParserError' || name === 'YAMLException' || name === 'SyntaxError') return 'The description is neither valid JSON nor valid YAML';
  if (name === 'ResolverError') return `A file the description refers to cannot be read: ${message}`;
  return message;
}

/** The description with its `$ref`s resolved (a plain object, cycles left as `$ref`s); throws an ImportError. */
export async function loadDescription(source: DescriptionSource): Promise<unknown> {
  const { dereference } = await import('@apidevtools/json-schema-ref-parser');
  // The parser wraps what a read throws in its own error: the reader's own sentence is the one to show.
  let readFailure: ImportError | undefined;
  const read = async (url: string): Promise<string> => {
    try {
      return await source.read(url);
    } catch (error) {
      readFailure ??= error instanceof ImportError ? error : new ImportError(`Cannot read ${url}: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300));
      throw readFailure;
    }
  };
  try {
    return await dereference(source.location, {
      resolve: {
        file: false,
        http: false,
        external: true,
        source: { order: 1, canRead: true, read: (file: { url: string }) => read(file.url) },
      },
      dereference: { circular: 'ignore', excludedPathMatcher: notRead },
    });
  } catch (error) {
    if (readFailure) throw readFailure;
    if (error instanceof ImportError) throw error;
    const sentence = describe(error).replace(/[.\s]+$/, '');
    throw new ImportError(`${sentence.slice(0, 300)}.`);
  }
}
