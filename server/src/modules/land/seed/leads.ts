import type { LeadSource, NegotiationForm } from '@yuanqi/contract';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { mulberry32 } from '../../../db/seed/random.js';
import { buildActor, type Actor } from '../../../platform/actor.js';
import { shanghaiDate } from '../../../platform/calendar/index.js';
import type { AppContext } from '../../../platform/context.js';
import { createLeadIn, takeLeadStepIn, type LeadContext, type LeadStep } from '../leads/service.js';
import type { LandSeedOptions } from './index.js';

const DAY = 86_400_000;
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
/** A moment of a park day (Shanghai office hours). */
const at = (day: string, minutes: number) => new Date(Date.parse(`${day}T01:00:00Z`) + minutes * 60_000);
const YI = 100_000_000 * 100; // ¥1亿 in fen

const seedContext: LeadContext = { notifier: { notify: async () => undefined } } as unknown as Pick<AppContext, 'notifier'>;

/** The three 屏对屏 signings of ¥20亿 the report quotes (signed at one online ceremony). */
const GIANTS = [
  { investor: '朗通电子(深圳)股份有限公司', project: '朗通电子高端覆铜板及5G通信材料产业园', chain: 'electronics', contact: '郭立新' },
  { investor: '康德金属集团有限公司', project: '康德金属年产20万吨高精度铜板带项目', chain: 'copper', contact: '孙康德' },
  { investor: '华屹新能源科技(上海)有限公司', project: '华屹新能源锂电铜箔及储能电池项目', chain: 'copper', contact: '陈华屹' },
];

const INVESTORS = [
  '江西铜源新材料有限公司', '深圳市智联物联科技有限公司', '浙江恒瑞精密电子有限公司', '上海启明星医疗器械有限公司', '广东汇水环保科技有限公司',
  '北京中科传感技术有限公司', '苏州华创电子材料有限公司', '宁波金港铜业有限公司', '杭州云测智能科技有限公司', '厦门海纳水处理设备有限公司',
  '武汉光谷智造科技有限公司', '福建闽铜线缆有限公司', '湖南湘江生物医药有限公司', '合肥芯动微电子有限公司', '东莞精工连接器有限公司',
  '南京中电智慧能源有限公司', '青岛海川智能装备有限公司', '成都天府康养产业有限公司', '温州正泰电气配件有限公司', '天津滨海新材料科技有限公司',
  '重庆长江铜管有限公司', '西安秦川传感器有限公司', '长沙中联智慧物流有限公司', '昆山立讯精密组件有限公司', '佛山美的环境电器有限公司',
];
const PROJECT_WORDS: Record<string, string[]> = {
  copper: ['高精度铜板带', '铜合金线材', '再生铜精深加工', '电子级铜箔', '铜基散热材料'],
  iot: ['物联网终端制造', '智能传感器', '工业互联网平台', '智能水表', 'NB-IoT模组'],
  electronics: ['精密连接器', '覆铜板', '电子元器件', 'PCB线路板', '半导体封测'],
  health: ['医疗器械', '中药饮片精深加工', '康养综合体', '生物医药中间体', '医用耗材'],
  water: ['智慧水务设备', '水处理膜材料', '管网检测装备', '净水设备', '水泵阀门'],
  services: ['供应链服务中心', '检验检测平台', '研发中试基地', '数字化服务中心', '仓储物流园'],
};
const SOURCE_WEIGHTS: [LeadSource, number][] = [
  ['online', 0.36],
  ['visit', 0.24],
  ['fair', 0.16],
  ['referral', 0.15],
  ['other', 0.09],
];
const DROP_REASONS = ['企业投资计划调整,暂缓投资', '企业选址外省,已落地他处', '用地需求过大,园区暂无匹配地块', '投资强度未达入园标准,企业不愿调整', '企业资金链紧张,项目搁置'];
const REJECT_NOTES = ['投资强度偏低,请与企业继续洽谈提高亩均投资', '亩均税收承诺不足,需补充测算', '环评风险需进一步论证'];

type Plan = {
  receivedOn: string;
  investor: string;
  project: string;
  chain: string | null;
  source: LeadSource;
  amountFen: number;
  landMu: number | null;
  factoryM2: number | null;
  contact: string;
  phone: string;
  /** where the lead ends up */
  fate: 'new' | 'negotiating' | 'committee' | 'approved' | 'signed' | 'dropped' | 'rejected';
  negotiations: { day: string; form: NegotiationForm }[];
  committeeOn?: string;
  decisionOn?: string;
  signedOn?: string;
  droppedOn?: string;
  giant?: boolean;
};

/**
 * The demo park's 招商线索: a year of leads (≈120 received over the last 12 months across the park's
 * chains and sources), negotiations for most, some at the committee or approved, some dropped, ≈15
 * signed — among them the three 屏对屏 signings of ¥20亿 (source online, every negotiation by video,
 * signed together on 2026-02-09). Every step runs through the leads' own service functions in date
 * order, so timelines, audit entries and the projects signing creates are what the API would write.
 */
export async function seedLandLeads(trx: Transaction<DB>, options: LandSeedOptions): Promise<void> {
  const { parkId, now } = options;
  const today = shanghaiDate(now);
  // the demo's dispatcher (调度专班, the park's investment office) files and works the leads; the
  // leader (招商委员会) decides — found by role, the demo log-ins first
  const users = await trx
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'roles'])
    .where('park_id', '=', parkId)
    .where('is_active', '=', true)
    .where('enterprise_id', 'is', null)
    .orderBy(sql`case when username in ('dispatcher', 'leader') then 0 else 1 end`)
    .orderBy('username')
    .execute();
  const withRole = (role: string) => users.find((u) => (u.roles as string[]).includes(role));
  const officerUser = withRole('dispatcher') ?? withRole('admin');
  const committeeUser = withRole('leader') ?? withRole('admin');
  if (!officerUser || !committeeUser) return;
  const actorOf = (u: NonNullable<typeof officerUser>): Actor =>
    buildActor({ userId: u.id, parkId, username: u.username, displayName: u.display_name, roles: u.roles as Actor['roles'], enterpriseId: null, bankId: null, sessionId: null, requestId: null });
  const officer = actorOf(officerUser);
  const committee = actorOf(committeeUser);
  const chains = (await trx.selectFrom('dictionaries').select('code').where('park_id', '=', parkId).where('kind', '=', 'chain').orderBy('sort').execute()).map((c) => c.code);
  const chainOr = (wanted: string) => (chains.includes(wanted) ? wanted : (chains[0] ?? null));

  const rand = mulberry32(20261208);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const pickSource = (): LeadSource => {
    let r = rand();
    for (const [s, w] of SOURCE_WEIGHTS) {
      if ((r -= w) < 0) return s;
    }
    return 'other';
  };
  const phone = () => `1${pick(['39', '38', '37', '58', '86', '89'])}${String(int(0, 99_999_999)).padStart(8, '0')}`;

  const plans: Plan[] = [];
  // ---- the three 屏对屏 ¥20亿 signings (a ceremony on 2026-02-09, or a month ago on a young park)
  const ceremony = '2026-02-09' <= addDays(today, -30) ? '2026-02-09' : addDays(today, -30);
  GIANTS.forEach((g, i) => {
    const receivedOn = addDays(ceremony, -62 + i * 4);
    plans.push({
      receivedOn,
      investor: g.investor,
      project: g.project,
      chain: chainOr(g.chain),
      source: 'online',
      amountFen: 20 * YI,
      landMu: [320, 280, 240][i]!,
      factoryM2: [120_000, 96_000, 80_000][i]!,
      contact: g.contact,
      phone: phone(),
      fate: 'signed',
      negotiations: [0, 14, 28].map((d) => ({ day: addDays(receivedOn, 5 + d + i), form: 'online' as const })),
      committeeOn: addDays(ceremony, -12),
      decisionOn: addDays(ceremony, -12),
      signedOn: ceremony,
      giant: true,
    });
  });

  // ---- ≈117 more over the last 12 months
  const start = addDays(today, -362);
  const span = 362 - 3;
  const others = 117;
  let signedLeft = 12;
  for (let k = 0; k < others; k++) {
    const receivedOn = addDays(start, Math.floor((k / others) * span) + int(0, 2));
    const age = Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${receivedOn}T00:00:00Z`)) / DAY);
    const source = pickSource();
    const chain = chains.length ? pick(chains.filter((c) => c !== 'other').length ? chains.filter((c) => c !== 'other') : chains) : null;
    const words = PROJECT_WORDS[chain ?? ''] ?? PROJECT_WORDS.services!;
    const investor = pick(INVESTORS);
    const tier = rand();
    const amountFen = (tier < 0.55 ? int(2, 20) : tier < 0.9 ? int(20, 100) : int(100, 300)) * 5_000_000 * 100; // ¥1,000万–15亿 in ¥500万 steps
    // older leads have gone further
    const r = rand();
    let fate: Plan['fate'];
    if (age < 20) fate = r < 0.55 ? 'new' : 'negotiating';
    else if (age < 60) fate = r < 0.15 ? 'new' : r < 0.7 ? 'negotiating' : r < 0.85 ? 'committee' : r < 0.9 ? 'dropped' : 'approved';
    else if (signedLeft > 0 && r < 0.17 && age > 75) fate = 'signed';
    else fate = r < 0.3 ? 'dropped' : r < 0.37 ? 'rejected' : r < 0.45 ? 'approved' : r < 0.52 ? 'committee' : r < 0.6 ? 'new' : 'negotiating';
    if (fate === 'signed') signedLeft -= 1;
    // negotiations, every 1–4 weeks, the first within three weeks
    const plan: Plan = {
      receivedOn,
      investor,
      project: `${investor.replace(/(股份)?有限公司$/, '').replace(/^(江西|深圳市|浙江|上海|广东|北京|苏州|宁波|杭州|厦门|武汉|福建|湖南|合肥|东莞|南京|青岛|成都|温州|天津|重庆|西安|长沙|昆山|佛山)/, '')}${pick(words)}项目`,
      chain,
      source,
      amountFen,
      landMu: rand() < 0.7 ? int(20, 260) : null,
      factoryM2: rand() < 0.6 ? int(4, 80) * 1000 : null,
      contact: `${pick(['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周'])}${pick(['总', '经理', '董事长', '先生', '女士'])}`,
      phone: phone(),
      fate,
      negotiations: [],
    };
    const wantsTalks = fate !== 'new' && !(fate === 'dropped' && rand() < 0.3);
    let day = addDays(receivedOn, int(3, 21));
    const talks = wantsTalks ? (fate === 'negotiating' ? int(1, 4) : fate === 'dropped' ? int(1, 2) : int(2, 4)) : 0;
    for (let n = 0; n < talks && day < addDays(today, -2); n++) {
      plan.negotiations.push({ day, form: source === 'online' ? (rand() < 0.85 ? 'online' : 'in_person') : rand() < 0.4 ? 'online' : 'in_person' });
      day = addDays(day, int(7, 28));
    }
    const last = plan.negotiations.at(-1)?.day ?? receivedOn;
    if (['committee', 'approved', 'signed', 'rejected'].includes(fate)) {
      if (plan.negotiations.length === 0) plan.fate = 'new';
      else {
        plan.committeeOn = addDays(last, int(5, 15));
        plan.decisionOn = plan.committeeOn;
        if (addDays(plan.committeeOn, -3) >= today) {
          // not yet submitted
          plan.committeeOn = undefined;
          plan.fate = 'negotiating';
          if (fate === 'signed') signedLeft += 1;
        } else if (plan.committeeOn >= today) plan.fate = 'committee';
        if (plan.committeeOn && plan.fate !== 'committee') {
          if (plan.decisionOn >= today) plan.fate = 'committee';
          else if (fate === 'signed') {
            plan.signedOn = addDays(plan.decisionOn, int(7, 30));
            if (plan.signedOn >= today) {
              plan.fate = 'approved';
              signedLeft += 1;
            }
          }
        }
      }
    }
    if (fate === 'dropped') plan.droppedOn = addDays(last, int(10, 40)) < today ? addDays(last, int(10, 40)) : addDays(today, -1);
    if (plan.fate === 'negotiating' && plan.negotiations.length === 0) plan.fate = 'new';
    plans.push(plan);
  }

  // ---- run every step in date order through the service
  type Scheduled = { when: Date; order: number; run: () => Promise<void> };
  const steps: Scheduled[] = [];
  const ids = new Map<Plan, string>();
  const push = (p: Plan, actor: Actor, s: LeadStep, when: Date, order: number) =>
    steps.push({ when, order, run: async () => void (await takeLeadStepIn(trx, seedContext, actor, ids.get(p)!, s, when)) });
  plans.forEach((p, index) => {
    steps.push({
      when: at(p.receivedOn, 30 + (index % 300)),
      order: 0,
      run: async () => {
        const row = await createLeadIn(
          trx,
          seedContext,
          officer,
          {
            projectName: p.project,
            investor: p.investor,
            contactName: p.contact,
            contactPhone: p.phone,
            chain: p.chain,
            amountFen: p.amountFen,
            source: p.source,
            receivedOn: p.receivedOn,
            description: p.giant ? '“屏对屏”云招商对接的重大项目,全程视频洽谈,线上签约。' : `${p.investor}拟在园区投资建设${p.project.replace(/项目$/, '')}。`,
            landNeedMu: p.landMu,
            factoryNeedM2: p.factoryM2,
            ownerId: officer.userId,
          },
          at(p.receivedOn, 30 + (index % 300)),
        );
        ids.set(p, row.id);
      },
    });
    p.negotiations.forEach((n, i) => {
      const s: LeadStep = {
        action: 'negotiate',
        body: {
          heldOn: n.day,
          form: n.form,
          location: n.form === 'online' ? '线上视频会议(屏对屏)' : pick(['园区管委会招商局会议室', '企业总部', '园区项目现场', '市投资促进局']),
          participants: `园区招商局 ${officer.displayName};${p.investor} ${p.contact}${i > 0 ? ';园区规划建设局、自然资源分局' : ''}`,
          minutes: [
            `初次对接:介绍园区${p.chain ? '产业链' : ''}配套、要素成本(标准厂房每月10元/平米)与招商政策,企业介绍项目投资计划约 ${Math.round(p.amountFen / YI / 10) / 10} 亿元。`,
            '深入洽谈:就用地选址、厂房代建、投产时间表及亩均税收承诺交换意见,企业基本认可。',
            '商务条款:确认投资协议主要条款、固定资产投资强度及达产时间,拟提交招商委员会。',
            '补充洽谈:落实环评、能评前置条件及配套电力接入方案。',
          ][Math.min(i, 3)]!,
          nextStep: i + 1 < p.negotiations.length ? '企业内部决策后再次洽谈' : p.committeeOn ? '准备上会材料' : '跟进企业决策',
        },
      };
      push(p, officer, s, at(n.day, 120 + i), 1);
    });
    if (p.committeeOn) {
      const s: LeadStep = { action: 'submit_committee', body: { committeeOn: p.committeeOn, note: '项目材料齐备,提请招商委员会审议' } };
      push(p, officer, s, at(addDays(p.committeeOn, -3), 200), 2);
      if (p.fate !== 'committee') {
        const decision: LeadStep = p.fate === 'rejected' ? { action: 'reject', body: { note: pick(REJECT_NOTES) } } : { action: 'approve', body: { note: p.giant ? '重大项目,同意引进' : '同意引进' } };
        push(p, committee, decision, at(p.decisionOn!, 420), 3);
      }
      if (p.signedOn) {
        const year = p.signedOn.slice(0, 4);
        const s: LeadStep = { action: 'sign', body: { contractNo: `YTGX-ZSXS-${year}-${String(plans.indexOf(p) + 1).padStart(3, '0')}`, signedOn: p.signedOn, note: p.giant ? '“屏对屏”云签约' : null } };
        push(p, officer, s, at(p.signedOn, 90), 4);
      }
    }
    if (p.droppedOn) push(p, officer, { action: 'drop', body: { reason: pick(DROP_REASONS) } }, at(p.droppedOn, 480), 5);
  });
  steps.sort((a, b) => a.when.getTime() - b.when.getTime() || a.order - b.order);
  for (const s of steps) await s.run();
}
