import type { ApartmentOccupancyView } from '@yuanqi/contract';
import { sql } from 'kysely';
import type { Actor } from '../../../platform/actor.js';
import { shanghaiDate, startOfNextShanghaiDay } from '../../../platform/calendar/index.js';
import type { AppContext } from '../../../platform/context.js';
import { requireAnyLandPermission } from '../access.js';

type UnitState = 'occupied' | 'allocated' | 'vacant' | 'unavailable';

/**
 * The apartments on a day: each apartment unit (of a building completed by then) is occupied (an
 * occupancy covers the day and its tenant had moved in by then), allocated (covered, not moved in
 * yet), unavailable (maintenance / disabled, nobody in it) or vacant. Occupancies run
 * [starts_on, ends_on): a move-out day is free. The waitlist of the day: eligible applications filed
 * by its end, not allocated by then, not withdrawn by then.
 */
export async function occupancyOn(ctx: AppContext, actor: Actor, on?: string): Promise<ApartmentOccupancyView> {
  requireAnyLandPermission(actor, 'premises:read', 'premises:manage');
  const parkId = actor.parkId;
  const day = on ?? shanghaiDate(ctx.clock.now());
  const endOfDay = startOfNextShanghaiDay(day);

  const units = await sql<{ id: string; building_id: string; building_code: string; building_name: string; layout: string | null; state: UnitState; enterprise_id: string | null }>`
    select u.id, u.building_id, b.code as building_code, b.name as building_name, u.layout,
           case when o.id is not null and a.move_in_on is not null and a.move_in_on <= ${day}::date then 'occupied'
                when o.id is not null then 'allocated'
                when u.status <> 'available' then 'unavailable'
                else 'vacant' end as state,
           o.enterprise_id
      from premises_units u
      join premises_buildings b on b.id = u.building_id and b.park_id = u.park_id
      left join apartment_occupancies o on o.park_id = u.park_id and o.unit_id = u.id
            and o.starts_on <= ${day}::date and (o.ends_on is null or o.ends_on > ${day}::date)
      left join apartment_applications a on a.id = o.application_id
     where u.park_id = ${parkId} and b.kind = 'apartment'
       and (b.completed_on is null or b.completed_on <= ${day}::date)`.execute(ctx.db);

  const waiting = await sql<{ enterprise_id: string; preferred_layout: string | null; n: number; days: number }>`
    select a.enterprise_id, a.preferred_layout, count(*)::int as n,
           sum(${day}::date - (a.submitted_at at time zone 'Asia/Shanghai')::date)::int as days
      from apartment_applications a
     where a.park_id = ${parkId} and a.eligible = true
       and a.submitted_at < ${endOfDay}
       and (a.allocated_on is null or a.allocated_on > ${day}::date)
       and (a.withdrawn_at is null or a.withdrawn_at >= ${endOfDay})
       and a.status in ('waitlisted', 'allocated', 'moved_in', 'moved_out', 'withdrawn')
     group by a.enterprise_id, a.preferred_layout`.execute(ctx.db);

  const allocations = await sql<{ n: number; days: number | null }>`
    select count(*)::int as n, sum(a.allocated_on - (a.submitted_at at time zone 'Asia/Shanghai')::date)::int as days
      from apartment_applications a
     where a.park_id = ${parkId} and a.allocated_on is not null
       and a.allocated_on <= ${day}::date and a.allocated_on > ${day}::date - 365`.execute(ctx.db);

  const count = (state: UnitState) => units.rows.filter((u) => u.state === state).length;
  const total = units.rows.length;
  const occupied = count('occupied');

  const buildings = new Map<string, ApartmentOccupancyView['byBuilding'][number]>();
  const layouts = new Map<string, ApartmentOccupancyView['byLayout'][number]>();
  const firms = new Map<string, { occupied: number; allocated: number; waitlisted: number }>();
  const firm = (id: string) => firms.get(id) ?? (firms.set(id, { occupied: 0, allocated: 0, waitlisted: 0 }), firms.get(id)!);
  for (const u of units.rows) {
    const b = buildings.get(u.building_id) ?? { buildingId: u.building_id, code: u.building_code, name: u.building_name, total: 0, occupied: 0, allocated: 0, vacant: 0, unavailable: 0 };
    b.total += 1;
    b[u.state] += 1;
    buildings.set(u.building_id, b);
    const layoutKey = u.layout ?? '未注明';
    const l = layouts.get(layoutKey) ?? { layout: layoutKey, total: 0, vacant: 0, waitlistPreferring: 0 };
    l.total += 1;
    if (u.state === 'vacant') l.vacant += 1;
    layouts.set(layoutKey, l);
    if (u.enterprise_id && (u.state === 'occupied' || u.state === 'allocated')) firm(u.enterprise_id)[u.state] += 1;
  }
  let waitlist = 0;
  let waitDays = 0;
  for (const w of waiting.rows) {
    waitlist += Number(w.n);
    waitDays += Number(w.days);
    firm(w.enterprise_id).waitlisted += Number(w.n);
    if (w.preferred_layout) {
      const l = layouts.get(w.preferred_layout) ?? { layout: w.preferred_layout, total: 0, vacant: 0, waitlistPreferring: 0 };
      l.waitlistPreferring += Number(w.n);
      layouts.set(w.preferred_layout, l);
    }
  }
  const names = firms.size
    ? await ctx.db.selectFrom('enterprises').select(['id', 'name']).where('park_id', '=', parkId).where('id', 'in', [...firms.keys()]).execute()
    : [];
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  const alloc = allocations.rows[0];
  const round1 = (x: number) => Math.round(x * 10) / 10;

  return {
    on: day,
    total,
    occupied,
    allocated: count('allocated'),
    vacant: count('vacant'),
    unavailable: count('unavailable'),
    occupancyPct: total ? round1((occupied * 100) / total) : 0,
    byBuilding: [...buildings.values()].sort((a, b) => a.code.localeCompare(b.code)),
    byFirm: [...firms.entries()]
      .map(([enterpriseId, f]) => ({ enterpriseId, name: nameOf.get(enterpriseId) ?? '', ...f }))
      .sort((a, b) => b.occupied - a.occupied || b.allocated - a.allocated || b.waitlisted - a.waitlisted || a.name.localeCompare(b.name)),
    byLayout: [...layouts.values()].sort((a, b) => b.total - a.total),
    waitlist,
    waitlistAverageDays: waitlist ? round1(waitDays / waitlist) : null,
    allocatedAverageWaitDays: alloc && Number(alloc.n) > 0 ? round1(Number(alloc.days) / Number(alloc.n)) : null,
    allocationsLastYear: Number(alloc?.n ?? 0),
  };
}
