import { DiagnosticSeverity } from 'vscode-json-languageservice';
import { connector } from '../../support/service';
import type { CaseTable } from './cases';

const { Error, Warning } = DiagnosticSeverity;

/** A minimal document (no endpoints) in JSONC, to vary by hand. */
const minimal = (inside: string): string => `{\n${inside}\n}\n`;

export const syntaxSchemaCases: CaseTable = {
  'json-syntax': {
    severity: Error,
    fires: [
      { name: 'a missing comma', text: minimal('  "name": "x"\n  "authentication": []'), expect: [{ text: '"authentication"', message: 'Expected comma' }] },
      {
        name: 'a key in single quotes',
        text: minimal(`  'name': "x",\n  "authentication": []`),
        expect: [{ text: "'name'", message: 'Property keys must be doublequoted' }],
        also: ['schema'],
      },
      { name: 'an unclosed array', text: '{ "name": "x", "authentication": [', expect: [{ text: '[', message: 'Expected comma or closing bracket' }] },
    ],
    clean: [
      { name: 'line and block comments', text: `// header comment\n{\n  /* block */ "name": "x", // trailing\n  "authentication": []\n}\n` },
      { name: 'a clean connector', text: connector() },
    ],
  },

  'duplicate-property': {
    severity: Warning,
    fires: [
      {
        name: 'the same key twice: both are marked',
        text: minimal('  "name": "x",\n  "name": "y",\n  "authentication": []'),
        expect: [
          { text: '"name"', message: 'Duplicate object key' },
          { text: '"name"', message: 'Duplicate object key' },
        ],
      },
    ],
    clean: [{ name: 'the same key in two objects', text: connector({ endpoints: [{ name: 'A', method: 'GET', url: 'https://api.example.com/a', authentication: ['bearer'] }, { name: 'B', method: 'GET', url: 'https://api.example.com/b', authentication: ['bearer'] }] }) }],
  },

  schema: {
    severity: Error,
    fires: [
      { name: 'an unknown top-level property', text: connector({ root: { colour: 'red' } }), expect: [{ text: '"colour"', message: 'Property colour is not allowed' }] },
      { name: 'an unknown auth method property', text: connector({ method: { scope: 'read' } }), expect: [{ text: '"scope"', message: 'Property scope is not allowed' }] },
      { name: 'a wrong type enum value', text: connector({ method: { type: 'tokn' } }), expect: [{ text: '"tokn"', message: 'Valid values: "token", "none"' }] },
      { name: 'a lower-case HTTP method', text: connector({ endpoint: { method: 'get' } }), expect: [{ text: '"get"', message: 'Valid values: "GET", "POST"' }] },
      { name: 'a header value that is not a string', text: connector({ method: { headers: [{ key: 'Authorization', value: 'Bearer {{token}}' }, { key: 'X-N', value: 5 }] } }), expect: [{ text: '5', message: 'Incorrect type. Expected "string"' }] },
      { name: 'an expected status below 100', text: connector({ method: { expect: { status: [99] } } }), expect: [{ text: '99', message: 'below the minimum of 100' }] },
      { name: 'an auth method id with a space', text: connector({ method: { id: 'bad id' }, endpoint: { authentication: ['bad id'] } }), expect: [{ text: '"bad id"', message: 'An authentication method id holds only letters, digits' }] },
      { name: 'a root that is not an object', text: '[]', expect: [{ text: '[]', message: 'Expected "object"' }] },
    ],
    clean: [
      { name: 'a body value may be any JSON value (Odoo\'s domain)', text: connector({ endpoint: { method: 'POST', body: [{ key: 'domain', value: [] }, { key: 'limit', value: 5 }] } }) },
      { name: 'a none method needs no url or variables', text: connector({ root: { authentication: [{ id: 'bearer', name: 'Public', type: 'none' }] } }) },
      { name: 'a $schema property', text: connector({ root: { $schema: './connector.schema.json' } }) },
    ],
  },
};
