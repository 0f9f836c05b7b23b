import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, installedManifest, openFixture, replaceText, setText, waitForCode, waitForNoDiagnostics } from './helpers';

suite('commands', () => {
  test('every command in package.json contributes.commands is registered', async () => {
    const extension = await activateExtension();
    const contributed = (installedManifest(extension).contributes?.commands ?? []).map((entry) => entry.command);
    assert.ok(contributed.length > 0, 'package.json contributes no commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(contributed.filter((id) => !registered.has(id)), [], 'contributed but not registered');
  });

  test('Connector: Show Output runs without an error', async () => {
    await activateExtension();
    await vscode.commands.executeCommand('connector.showOutput');
  });

  test('Connector: Restart Language Server leaves a server that follows edits', async () => {
    await activateExtension();
    const document = await openFixture('broken.connector.json');
    const original = document.getText();
    await waitForCode(document.uri, 'unknown-placeholder');
    await vscode.commands.executeCommand('connector.restartServer');
    try {
      await replaceText(document, '{{tokn}}', '{{token}}');
      await waitForNoDiagnostics(document.uri);
    } finally {
      await setText(document, original);
    }
    await waitForCode(document.uri, 'unknown-placeholder');
  });
});
