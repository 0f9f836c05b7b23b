import type { Position } from 'vscode-json-languageservice';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { connectorDocument } from './service';

/** A document written inline with one `|` cursor marker, and the cursor's position (the marker is removed). */
export interface AtCursor {
  readonly document: TextDocument;
  readonly position: Position;
  readonly offset: number;
}

/** Splits inline text at its one `|` marker. */
export function atCursor(textWithCursor: string): AtCursor {
  const offset = textWithCursor.indexOf('|');
  if (offset < 0 || textWithCursor.indexOf('|', offset + 1) >= 0) throw new Error('Write exactly one | cursor marker.');
  const document = connectorDocument(textWithCursor.slice(0, offset) + textWithCursor.slice(offset + 1));
  return { document, position: document.positionAt(offset), offset };
}

/** The position `delta` characters into the `occurrence`-th (0-based) match of `needle` in the document. */
export function positionOf(document: TextDocument, needle: string, occurrence = 0, delta = 0): Position {
  const text = document.getText();
  let index = -1;
  for (let i = 0; i <= occurrence; i++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`${JSON.stringify(needle)} occurs fewer than ${occurrence + 1} times.`);
  }
  return document.positionAt(index + delta);
}
