// Moved into the case kit; kept here until the last importer moves.
export { MyCasesList, useCaseTabs, type CaseTab, type CaseTabs } from './case-kit/MyCasesList';
