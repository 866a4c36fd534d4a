import {checklistFromData, type LoadedChecklist} from '../../source/checklist/load.js';

/**
 * A checklist split by owner: Architecture open to anyone, Security owned by
 * security (one item by security or sre), Operations by sre; and a team file
 * with one person in each role.
 */
export function teamChecklist(withTeam = true): LoadedChecklist {
	const loaded = checklistFromData(
		{
			id: 'team',
			title: 'Team checklist',
			version: '1',
			sections: [
				{
					id: 'arch',
					title: 'Architecture',
					items: [
						{id: 'arch.bounds', title: 'System boundaries', evidenceRequired: false},
						{id: 'arch.fail', title: 'Design for failure', evidenceRequired: false},
					],
				},
				{
					id: 'sec',
					title: 'Security',
					owners: ['security'],
					items: [
						{id: 'sec.secrets', title: 'Secrets in a vault', evidenceRequired: false},
						{id: 'sec.scan', title: 'Dependency scan', evidenceRequired: false},
						{
							id: 'sec.contacts',
							title: 'Incident contacts',
							evidenceRequired: false,
							owners: ['security', 'sre'],
						},
					],
				},
				{
					id: 'ops',
					title: 'Operations',
					owners: ['sre'],
					items: [
						{id: 'ops.rollback', title: 'Rollback plan', evidenceRequired: false, approvals: 2},
						{id: 'ops.pager', title: 'Pager set up', evidenceRequired: false},
					],
				},
			],
		},
		'team.json',
	);
	return withTeam
		? {...loaded, team: {roles: {security: ['sec@example.com'], sre: ['sre@example.com', 'Sam']}}}
		: loaded;
}
