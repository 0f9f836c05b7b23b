import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { allRules } from '../../server/src/service/codes';
import { repoRoot } from '../support/service';

const severityNames = ['', 'error', 'warning', 'information', 'hint'];

describe('README', () => {
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');

  it('lists every rule with its group and severity in the rules table', () => {
    for (const rule of allRules) {
      assert.ok(readme.includes(`| \`${rule.code}\` | ${rule.group} | ${severityNames[rule.severity]} |`), `README rules table lacks ${rule.code}`);
    }
  });

  it('lists every contributed command and setting', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
      contributes: { commands: { title: string; category: string }[]; configuration: { properties: Record<string, unknown> } };
    };
    for (const command of manifest.contributes.commands) assert.ok(readme.includes(`${command.category}: ${command.title}`), `README lacks ${command.title}`);
    for (const setting of Object.keys(manifest.contributes.configuration.properties)) assert.ok(readme.includes(setting), `README lacks ${setting}`);
  });
});
