// A loaded checklist written back in preflight's own format, for
// `preflight checklist show`: fields in the order the docs show them, values
// that are the defaults left out, so that a converted file reads like one
// written by hand. Loading the result gives the same checklist.
import type {Checklist, ChecklistItem, ChecklistSection} from '../model/schemas.js';

type OwnItem = Partial<ChecklistItem> & Pick<ChecklistItem, 'id' | 'title'>;

function ownItem(item: ChecklistItem): OwnItem {
	return {
		id: item.id,
		title: item.title,
		...(item.level === 'required' ? {} : {level: item.level}),
		...(item.evidenceRequired ? {} : {evidenceRequired: false}),
		...(item.reviewEvery === undefined ? {} : {reviewEvery: item.reviewEvery}),
		...(item.owners === undefined ? {} : {owners: item.owners}),
		...(item.approvals === undefined ? {} : {approvals: item.approvals}),
		...(item.guidance === '' ? {} : {guidance: item.guidance}),
		...(item.check === undefined ? {} : {check: item.check}),
	};
}

function ownSection(section: ChecklistSection) {
	return {
		id: section.id,
		title: section.title,
		...(section.description === undefined ? {} : {description: section.description}),
		...(section.owners === undefined ? {} : {owners: section.owners}),
		...(section.approvals === undefined ? {} : {approvals: section.approvals}),
		items: section.items.map(ownItem),
	};
}

/** The checklist as preflight's format writes it (valid against `preflight checklist schema`). */
export function ownFormat(checklist: Checklist) {
	return {
		id: checklist.id,
		title: checklist.title,
		version: checklist.version,
		...(checklist.description === undefined ? {} : {description: checklist.description}),
		...(checklist.reviewEvery === undefined ? {} : {reviewEvery: checklist.reviewEvery}),
		...(checklist.renamed === undefined ? {} : {renamed: checklist.renamed}),
		sections: checklist.sections.map(ownSection),
	};
}
