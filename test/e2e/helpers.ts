/** Helpers for the end-to-end tests: the extension under test, fixtures, edits and waiting on diagnostics. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

interface Manifest {
  name: string;
  publisher: string;
  contributes?: { commands?: { command: string }[] };
}

// out/test/e2e/helpers.js → the repository's package.json names the extension under test.
const repoManifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as Manifest;

/** `publisher.name` of the extension under test. */
export const extensionId = `${repoManifest.publisher}.${repoManifest.name}`;

/** The extension under test (installed from the VSIX, or the development folder), activated. */
export async function activateExtension(): Promise<vscode.Extension<unknown>> {
  const extension = vscode.extensions.getExtension(extensionId);
  assert.ok(extension, `extension ${extensionId} is not installed`);
  await extension.activate();
  return extension;
}

/** The package.json the running extension was loaded from. */
export function installedManifest(extension: vscode.Extension<unknown>): Manifest {
  return JSON.parse(fs.readFileSync(path.join(extension.extensionPath, 'package.json'), 'utf8')) as Manifest;
}

/** The URI of a file in the test workspace (test/e2e/workspace, copied for the run). */
export function fixtureUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need the test workspace folder open');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** Opens a fixture in an editor, as a user does (pull diagnostics are requested for visible documents). */
export async function openFixture(name: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(fixtureUri(name));
  await vscode.window.showTextDocument(document);
  return document;
}

/** The range of the first occurrence of `text` in the document. */
export function rangeOf(document: vscode.TextDocument, text: string, from = 0): vscode.Range {
  const offset = document.getText().indexOf(text, from);
  assert.ok(offset >= 0, `${JSON.stringify(text)} is not in ${path.basename(document.uri.path)}`);
  return new vscode.Range(document.positionAt(offset), document.positionAt(offset + text.length));
}

/** A position `delta` characters after the start of the first occurrence of `text`. */
export function positionIn(document: vscode.TextDocument, text: string, delta: number): vscode.Position {
  return rangeOf(document, text).start.translate(0, delta);
}

/** Replaces the first occurrence of `search` through a WorkspaceEdit. */
export async function replaceText(document: vscode.TextDocument, search: string, replacement: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, rangeOf(document, search), replacement);
  assert.ok(await vscode.workspace.applyEdit(edit), 'the workspace edit was not applied');
}

/** Replaces the whole text of the document (to put a fixture back after a test changed it). */
export async function setText(document: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), text);
  assert.ok(await vscode.workspace.applyEdit(edit), 'the workspace edit was not applied');
}

/** The code of a diagnostic as a string. */
export function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
  return code === undefined ? undefined : String(code);
}

function describe(diagnostics: readonly vscode.Diagnostic[]): string {
  if (diagnostics.length === 0) {
    return 'none';
  }
  return diagnostics
    .map((d) => `${codeOf(d)}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`)
    .join(', ');
}

/**
 * Waits until the diagnostics of `uri` satisfy `predicate`, checking now and on every
 * `languages.onDidChangeDiagnostics` for it; fails after `timeoutMs` with what was last seen.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  predicate: (diagnostics: readonly vscode.Diagnostic[]) => boolean,
  description: string,
  timeoutMs = 30_000,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      const diagnostics = vscode.languages.getDiagnostics(uri);
      if (predicate(diagnostics)) {
        clearTimeout(timer);
        subscription.dispose();
        resolve(diagnostics);
      }
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) {
        check();
      }
    });
    const timer = setTimeout(() => {
      subscription.dispose();
      const last = describe(vscode.languages.getDiagnostics(uri));
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${description} in ${path.basename(uri.path)}; diagnostics: ${last}`));
    }, timeoutMs);
    check();
  });
}

/** Waits until the document has a diagnostic with `code`. */
export function waitForCode(uri: vscode.Uri, code: string, timeoutMs?: number): Promise<vscode.Diagnostic[]> {
  return waitForDiagnostics(uri, (diagnostics) => diagnostics.some((d) => codeOf(d) === code), `a ${code} diagnostic`, timeoutMs);
}

/** Waits until the document has no diagnostics at all. */
export function waitForNoDiagnostics(uri: vscode.Uri, timeoutMs?: number): Promise<vscode.Diagnostic[]> {
  return waitForDiagnostics(uri, (diagnostics) => diagnostics.length === 0, 'no diagnostics', timeoutMs);
}

/** The plain text of hover contents. */
export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
}
