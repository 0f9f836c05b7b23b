import * as assert from 'node:assert/strict';
import { activateExtension, extensionId, openFixture } from './helpers';

suite('activation', () => {
  test('a *.connector.json file opens as a connector document and the extension activates', async () => {
    const document = await openFixture('broken.connector.json');
    assert.equal(document.languageId, 'connector');
    const extension = await activateExtension();
    assert.equal(extension.isActive, true, `${extensionId} did not activate`);
  });
});
