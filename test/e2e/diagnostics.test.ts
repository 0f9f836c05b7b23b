import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  activateExtension,
  codeOf,
  openFixture,
  rangeOf,
  replaceText,
  setText,
  waitForCode,
  waitForNoDiagnostics,
} from './helpers';

/** [start line, start character, end line, end character] of a range, for readable comparisons. */
function span(range: vscode.Range): [number, number, number, number] {
  return [range.start.line, range.start.character, range.end.line, range.end.character];
}

suite('diagnostics', () => {
  suiteSetup(async () => {
    await activateExtension();
  });

  test('an unknown placeholder is reported on exactly its {{…}} text, with the other expected problems', async () => {
    const document = await openFixture('broken.connector.json');
    const diagnostics = await waitForCode(document.uri, 'unknown-placeholder');
    const unknown = diagnostics.filter((d) => codeOf(d) === 'unknown-placeholder');
    assert.equal(unknown.length, 1);
    assert.deepEqual(span(unknown[0].range), span(rangeOf(document, '{{tokn}}')));
    assert.deepEqual(span(unknown[0].range), [12, 51, 12, 59]);
    assert.equal(unknown[0].severity, vscode.DiagnosticSeverity.Error);
    assert.equal(unknown[0].source, 'connector');
    assert.match(unknown[0].message, /\{\{tokn\}\}.*\{\{token\}\}/);
    // One typo, one diagnostic: {{tokn}} counts as a use of the `token` it probably means (no unused-variable, no token-never-sent).
    assert.deepEqual(diagnostics.map(codeOf), ['unknown-placeholder']);
  });

  test('fixing the placeholder clears every diagnostic, and breaking it again brings them back', async () => {
    const document = await openFixture('broken.connector.json');
    const original = document.getText();
    await waitForCode(document.uri, 'unknown-placeholder');
    try {
      await replaceText(document, '{{tokn}}', '{{token}}');
      await waitForNoDiagnostics(document.uri);
      await replaceText(document, '{{token}}', '{{tokn}}');
      await waitForCode(document.uri, 'unknown-placeholder');
    } finally {
      await setText(document, original);
    }
  });

  test('a secret sent over plain http:// is insecure-http on the url line', async () => {
    const document = await openFixture('insecure.connector.json');
    const diagnostics = await waitForCode(document.uri, 'insecure-http');
    const insecure = diagnostics.filter((d) => codeOf(d) === 'insecure-http');
    assert.equal(insecure.length, 1);
    assert.equal(insecure[0].range.start.line, rangeOf(document, '"http://api.example.com/v1/me"').start.line);
    assert.equal(insecure[0].severity, vscode.DiagnosticSeverity.Error);
    const original = document.getText();
    try {
      await replaceText(document, '"http://', '"https://');
      await waitForNoDiagnostics(document.uri);
    } finally {
      await setText(document, original);
    }
  });
});
