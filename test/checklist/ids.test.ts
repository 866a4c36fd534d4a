import {describe, expect, test} from 'vitest';
import {derivedItemId, derivedSectionId, shortSlug} from '../../source/checklist/ids.js';

describe('short derived ids', () => {
	test.each([
		['All secrets are stored in a vault, never in code', 'secrets-stored-vault-never'],
		['On-call rota staffed', 'on-call-rota-staffed'],
		['CI/CD pipeline runs end-to-end tests', 'ci-cd-pipeline-runs'],
		[
			'Ensure that Kubernetes RBAC is enabled on every production cluster',
			'kubernetes-rbac-enabled',
		],
		['The', 'the'],
		['Observability and alerting for model serving', 'observability-alerting-model'],
		['Supercalifragilisticexpialidocious-and-then-some-more-words', 'supercalifragilisticexpialid'],
		['Café résumé', 'cafe-resume'],
	])('%s → %s', (title, id) => {
		expect(shortSlug(title)).toBe(id);
	});

	test('titles in other scripts keep a hash, so they stay apart', () => {
		expect(shortSlug('日本語のタイトル')).toMatch(/^[0-9a-f]{6}$/);
		expect(shortSlug('日本語のタイトル')).not.toBe(shortSlug('別のタイトル'));
		expect(shortSlug('Backups バックアップ')).toMatch(/^backups-[0-9a-f]{6}$/);
	});

	test('sections take three words, items four under their section', () => {
		expect(derivedSectionId('Security & Secrets Management Today')).toBe('security-secrets');
		expect(derivedItemId('ops', 'On-call rota staffed')).toBe('ops.on-call-rota-staffed');
	});
});
