import type { DemandSource } from '@yuanqi/contract';
import { can, type Actor } from '../../../platform/actor.js';
import { AppError, forbidden } from '../../../platform/errors.js';
import { enterpriseScopeOf, type EnterpriseScope } from '../../../platform/scope.js';
import { partiesOf } from './workflow.js';

/**
 * The demands this actor may read: its park's for park-wide roles, its own firm's for enterprise
 * users, and for a liaison the firms it serves plus any demand assigned to it (see repository
 * `inDemandScope`). Everything else is not found (404).
 */
export function demandReadScope(actor: Actor): EnterpriseScope {
  if (!can(actor, 'demand:read')) return { kind: 'none', parkId: actor.parkId };
  return enterpriseScopeOf(actor);
}

export type FilingFirm = { id: string; liaison_id: string | null };

/**
 * Who may file for which firm, and under which source: an enterprise user for its own firm only
 * (企业自提); a liaison for the firms it serves (专员代提, or 电话受理); park-wide staff for any
 * firm of the park (电话受理 by default).
 */
export function resolveFiling(actor: Actor, firm: FilingFirm, requested: DemandSource | undefined): DemandSource {
  if (!can(actor, 'demand:create')) throw forbidden('没有提交诉求的权限');
  const scope = enterpriseScopeOf(actor);
  if (scope.kind === 'park') {
    if (requested === 'enterprise') throw sourceError('工作人员代为登记的诉求来源应为专员代提或电话受理');
    return requested ?? 'phone';
  }
  if (scope.kind === 'liaison') {
    if (firm.liaison_id !== actor.userId) throw forbidden('只能为您服务的企业提交诉求');
    if (requested === 'enterprise') throw sourceError('专员代提的诉求来源应为专员代提或电话受理');
    return requested ?? 'liaison';
  }
  if (scope.kind === 'enterprise') {
    if (firm.id !== scope.enterpriseId) throw forbidden('只能为本企业提交诉求');
    if (requested && requested !== 'enterprise') throw sourceError('企业用户提交的诉求来源只能是企业自提');
    return 'enterprise';
  }
  throw forbidden('没有提交诉求的权限');
}

function sourceError(message: string): AppError {
  return new AppError('VALIDATION_FAILED', message, [{ path: 'source', message }]);
}

/** Who may add files to a demand: its firm, its owner, the office — while it is not finished. */
export function assertCanAttach(actor: Actor, demand: { assignee_id: string | null; enterprise_id: string; created_by: string | null; status: string }): void {
  const parties = partiesOf(actor, demand);
  const mayAttach = parties.has('enterprise') || parties.has('owner') || parties.has('dispatcher') || demand.created_by === actor.userId;
  if (!mayAttach) throw forbidden('只有提出诉求的企业、首接负责人或调度专班可以上传附件');
  if (demand.status === 'closed' || demand.status === 'withdrawn') {
    throw new AppError('INVALID_STATE', '诉求已办结或已撤回,不能再上传附件');
  }
}
