import * as fs from 'node:fs';
import * as path from 'node:path';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from '../server';

// dist/server.js sits beside schemas/ in the package; the connection transport (--stdio, --node-ipc, --socket) comes from argv.
const schemaPath = path.join(__dirname, '..', 'schemas', 'connector.schema.json');
const connection = createConnection(ProposedFeatures.all);
let schema: object;
try {
  schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8')) as object;
} catch (error) {
  connection.console.error(`Cannot read the connector schema at ${schemaPath}: ${String(error)}`);
  schema = {};
}
startServer(connection, { schema });
