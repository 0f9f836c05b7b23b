import * as fs from 'node:fs';
import * as path from 'node:path';

/** A problem with the command line, a file or a refusal before anything is sent: printed on stderr, exit code 2. */
export class UsageError extends Error {}

/** The bundled connector schema, next to dist/. */
export function readSchema(): object {
  const schemaPath = path.join(__dirname, '..', 'schemas', 'connector.schema.json');
  try {
    return JSON.parse(fs.readFileSync(schemaPath, 'utf8')) as object;
  } catch {
    throw new UsageError(`Cannot read the connector schema at ${schemaPath}; reinstall connector-check.`);
  }
}

/** A connector file's text, without the UTF-8 byte order mark editors drop too. */
export function readConnectorFile(file: string): string {
  try {
    if (fs.statSync(file).isDirectory()) throw new UsageError(`${file} is a folder: name connector files or a glob such as ${path.join(file, '**/*.connector.json')}.`);
    // Editors drop a UTF-8 byte order mark before parsing; so does the command line, so that both agree.
    return fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `Cannot read ${file}: no such file.` : `Cannot read ${file}: ${code ?? String(error)}.`);
  }
}
