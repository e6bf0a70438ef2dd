// The web half of the workflow kit: one queue page, one action bar, one case frame, one "my cases" list.
export { CaseQueuePage, countdownColumn, type CaseBoard, type CaseBoardChip } from './CaseQueuePage';
export { useCaseQueue, type CaseFilterSpec, type CaseQueueState } from './useCaseQueue';
export { CaseActionBar, type CaseActionFormProps, type CaseActionSpec } from './CaseActionBar';
export { CaseFormFields, type CaseActionField, type CaseActionValues, type CaseFieldKind, type CaseFieldOption } from './CaseFormFields';
export { CaseFrame, CaseSteps, type CaseStep, type CaseStepsProps } from './CaseFrame';
export { MyCasesList, MyCasesPage, useCaseTabs, type CaseTab, type CaseTabOption, type CaseTabs } from './MyCasesList';
export { CaseCard, CaseHeaderButtons, CaseStatusTag } from './CaseCard';
