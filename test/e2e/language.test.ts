import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  activateExtension,
  codeOf,
  hoverText,
  openFixture,
  positionIn,
  rangeOf,
  setText,
  waitForCode,
  waitForNoDiagnostics,
} from './helpers';

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

async function complete(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
  return list.items;
}

async function definitions(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Range[]> {
  const found = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
    'vscode.executeDefinitionProvider',
    document.uri,
    position,
  );
  return found.map((location) => ('targetRange' in location ? location.targetSelectionRange ?? location.targetRange : location.range));
}

suite('language features', () => {
  let schema: { properties: Record<string, { markdownDescription?: string }> };

  suiteSetup(async () => {
    const extension = await activateExtension();
    schema = JSON.parse(fs.readFileSync(path.join(extension.extensionPath, 'schemas', 'connector.schema.json'), 'utf8')) as typeof schema;
  });

  test('completion after {{ in an endpoint offers the variables in scope, endpoint variables first', async () => {
    const document = await openFixture('bearer.connector.json');
    const items = await complete(document, positionIn(document, '{{api_version}}/items', 2));
    const byOrder = [...items].sort((a, b) => (a.sortText ?? labelOf(a)).localeCompare(b.sortText ?? labelOf(b)));
    assert.deepEqual(byOrder.map(labelOf), ['limit', 'token', 'api_version']);
    const token = items.find((item) => labelOf(item) === 'token');
    assert.match(token?.detail ?? '', /secret/i);
  });

  test('completion after {{ in an auth method does not offer an endpoint variable', async () => {
    const document = await openFixture('bearer.connector.json');
    const labels = (await complete(document, positionIn(document, '{{token}}', 2))).map(labelOf);
    assert.ok(labels.includes('token'), `labels: ${labels.join(', ')}`);
    assert.ok(labels.includes('api_version'), `labels: ${labels.join(', ')}`);
    assert.ok(!labels.includes('limit'), `labels: ${labels.join(', ')}`);
  });

  test('completion of a property key offers the schema keys', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'connector', content: '{\n  \n}\n' });
    await vscode.window.showTextDocument(document);
    const labels = (await complete(document, new vscode.Position(1, 2))).map(labelOf);
    for (const key of ['name', 'variables', 'authentication', 'endpoints']) {
      assert.ok(labels.includes(key), `no ${key} in: ${labels.join(', ')}`);
    }
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('hover on a key shows its schema documentation', async () => {
    const document = await openFixture('bearer.connector.json');
    const expected = schema.properties.endpoints.markdownDescription;
    assert.ok(expected, 'the schema documents endpoints');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      document.uri,
      positionIn(document, '"endpoints"', 3),
    );
    assert.ok(hoverText(hovers).includes(expected), `hover: ${hoverText(hovers)}`);
  });

  test('hover on a placeholder shows the variable it resolves to', async () => {
    const document = await openFixture('bearer.connector.json');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      document.uri,
      positionIn(document, '{{token}}', 4),
    );
    const text = hoverText(hovers);
    assert.match(text, /Access token/);
    assert.match(text, /secret/i);
  });

  test('go to definition on a placeholder lands on the variable key', async () => {
    const document = await openFixture('bearer.connector.json');
    const ranges = await definitions(document, positionIn(document, '{{limit}}', 3));
    const key = rangeOf(document, '"limit"');
    assert.equal(ranges.length, 1);
    assert.ok(ranges[0].start.line === key.start.line && ranges[0].start.character === key.start.character + 1, `definition at ${ranges[0].start.line}:${ranges[0].start.character}`);
  });

  test('renaming a variable renames its key and every placeholder', async () => {
    const document = await openFixture('bearer.connector.json');
    const original = document.getText();
    try {
      const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>(
        'vscode.executeDocumentRenameProvider',
        document.uri,
        positionIn(document, '{{token}}', 3),
        'access_token',
      );
      assert.ok(await vscode.workspace.applyEdit(edit));
      const text = document.getText();
      assert.ok(text.includes('"key": "access_token"'));
      assert.ok(text.includes('"Bearer {{access_token}}"'));
      assert.ok(!text.includes('{{token}}'));
      // The server sees the renamed file: the new placeholder resolves to the new key.
      const ranges = await definitions(document, positionIn(document, '{{access_token}}', 3));
      assert.equal(ranges[0]?.start.line, rangeOf(document, '"access_token"').start.line);
    } finally {
      await setText(document, original);
    }
  });

  test('the quick fix for an unknown placeholder replaces it with the closest variable', async () => {
    const document = await openFixture('broken.connector.json');
    const original = document.getText();
    const diagnostics = await waitForCode(document.uri, 'unknown-placeholder');
    const unknown = diagnostics.find((d) => codeOf(d) === 'unknown-placeholder');
    assert.ok(unknown);
    const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      unknown.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((action): action is vscode.CodeAction => 'edit' in action && action.title === 'Change to {{token}}');
    assert.ok(fix?.edit, `actions: ${actions.map((action) => action.title).join(', ')}`);
    try {
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      assert.ok(document.getText().includes('"Bearer {{token}}"'));
      await waitForNoDiagnostics(document.uri);
    } finally {
      await setText(document, original);
    }
  });

  test('the outline lists connector variables, auth methods and endpoints with their variables', async () => {
    const document = await openFixture('bearer.connector.json');
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri);
    const outline = symbols.map((symbol) => [symbol.name, (symbol.children ?? []).map((child) => child.name)]);
    assert.deepEqual(outline, [
      ['api_version', []],
      ['Bearer token', ['token']],
      ['List items', ['limit']],
    ]);
  });
});
