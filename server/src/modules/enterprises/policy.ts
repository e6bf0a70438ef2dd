import { ENTERPRISE_SELF_EDITABLE, FIELD_LABELS, type UpdateEnterpriseRequest } from '@yuanqi/contract';
import { can, type Actor } from '../../platform/actor.js';
import { forbidden } from '../../platform/errors.js';
import { enterpriseScopeOf, type EnterpriseScope } from '../../platform/scope.js';

/** The rows of `enterprises` this actor may read; none at all without `enterprise:read`. */
export function readScope(actor: Actor): EnterpriseScope {
  if (!can(actor, 'enterprise:read')) return { kind: 'none', parkId: actor.parkId };
  return enterpriseScopeOf(actor);
}

/** Creating firms is the registry's job: park-wide writers only. */
export function assertCanCreate(actor: Actor): void {
  if (!can(actor, 'enterprise:write') || enterpriseScopeOf(actor).kind !== 'park') {
    throw forbidden('只有管理员或调度专班可以新增企业');
  }
}

/**
 * Which fields of an in-scope enterprise this actor may change. Staff of the firm keep their
 * contacts current; liaisons edit their firms but do not reassign them.
 */
export function assertCanUpdate(actor: Actor, input: UpdateEnterpriseRequest): void {
  if (!can(actor, 'enterprise:write')) throw forbidden();
  const scope = enterpriseScopeOf(actor);
  const fields = Object.keys(input).filter((k) => k !== 'version');
  if (scope.kind === 'enterprise') {
    const blocked = fields.filter((f) => !(ENTERPRISE_SELF_EDITABLE as readonly string[]).includes(f));
    if (blocked.length > 0) {
      throw forbidden(`企业用户不能修改“${blocked.map((f) => FIELD_LABELS[f] ?? f).join('、')}”,如需变更请联系驻企专员`);
    }
  }
  if (fields.includes('liaisonId') && !can(actor, 'enterprise:assign')) {
    throw forbidden('没有分配驻企专员的权限');
  }
}
