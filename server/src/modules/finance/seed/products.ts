import type { Insertable, Transaction } from 'kysely';
import type { CollateralKind, InstitutionKind, ProductType } from '@yuanqi/contract';
import type { DB } from '../../../db/schema.js';
import { recordAudit } from '../../../platform/audit.js';
import { shanghaiDate } from '../../../platform/calendar/working-calendar.js';
import { mulberry32 } from '../../../db/seed/random.js';
import type { FinanceSeedOptions } from './index.js';

/** 战略合作协议 of the 13 partner banks (by code), their order and 客户经理 contact. */
const BANK_AGREEMENTS: Record<string, { agreementOn: string; contactName: string; contactPhone: string }> = {
  icbc: { agreementOn: '2021-03-18', contactName: '王建平', contactPhone: '0701-6221035' },
  abc: { agreementOn: '2021-03-18', contactName: '李晓峰', contactPhone: '0701-6223312' },
  boc: { agreementOn: '2021-05-26', contactName: '陈雅琴', contactPhone: '0701-6224178' },
  ccb: { agreementOn: '2021-03-18', contactName: '刘志强', contactPhone: '0701-6226650' },
  bocom: { agreementOn: '2022-04-12', contactName: '周敏', contactPhone: '0701-6228801' },
  psbc: { agreementOn: '2021-09-08', contactName: '吴海燕', contactPhone: '0701-6231190' },
  jjbank: { agreementOn: '2022-06-20', contactName: '徐立新', contactPhone: '0701-6232266' },
  jxbank: { agreementOn: '2021-05-26', contactName: '黄文涛', contactPhone: '0701-6235518' },
  gzbank: { agreementOn: '2022-11-03', contactName: '邱晓兰', contactPhone: '0701-6236093' },
  srbank: { agreementOn: '2023-03-15', contactName: '方国华', contactPhone: '0701-6237742' },
  ytrcb: { agreementOn: '2020-12-10', contactName: '饶建军', contactPhone: '0701-6209988' },
  cib: { agreementOn: '2023-08-22', contactName: '彭丽娜', contactPhone: '0701-6238816' },
  citic: { agreementOn: '2024-04-09', contactName: '张颖', contactPhone: '0701-6239925' },
};

/** The other 13 institutions: guarantee, insurance, microloan, securities, leasing, fund. */
const OTHER_INSTITUTIONS: { code: string; name: string; shortName: string; kind: InstitutionKind; strategic: boolean; agreementOn: string | null; contactName: string; contactPhone: string }[] = [
  { code: 'ytfg', name: '鹰潭市融资担保集团有限公司', shortName: '市融资担保集团', kind: 'guarantee', strategic: true, agreementOn: '2021-03-18', contactName: '杨光明', contactPhone: '0701-6260101' },
  { code: 'jxfg', name: '江西省融资担保集团有限责任公司鹰潭分公司', shortName: '省融资担保鹰潭分公司', kind: 'guarantee', strategic: false, agreementOn: null, contactName: '罗振华', contactPhone: '0701-6261202' },
  { code: 'ytsmeg', name: '鹰潭市中小企业融资担保有限公司', shortName: '市中小企业担保', kind: 'guarantee', strategic: false, agreementOn: null, contactName: '曾丽', contactPhone: '0701-6262303' },
  { code: 'gxtechg', name: '鹰潭高新区科技融资担保有限公司', shortName: '高新区科技担保', kind: 'guarantee', strategic: false, agreementOn: null, contactName: '钟伟', contactPhone: '0701-6263404' },
  { code: 'picc', name: '中国人民财产保险股份有限公司鹰潭市分公司', shortName: '人保财险', kind: 'insurance', strategic: false, agreementOn: null, contactName: '谢红', contactPhone: '0701-6264505' },
  { code: 'pingan', name: '中国平安财产保险股份有限公司鹰潭中心支公司', shortName: '平安财险', kind: 'insurance', strategic: false, agreementOn: null, contactName: '胡斌', contactPhone: '0701-6265606' },
  { code: 'cpic', name: '中国太平洋财产保险股份有限公司鹰潭中心支公司', shortName: '太平洋财险', kind: 'insurance', strategic: false, agreementOn: null, contactName: '朱琳', contactPhone: '0701-6266707' },
  { code: 'xjml', name: '鹰潭市信江小额贷款股份有限公司', shortName: '信江小贷', kind: 'microloan', strategic: false, agreementOn: null, contactName: '郭强', contactPhone: '0701-6267808' },
  { code: 'tdml', name: '鹰潭高新区铜都小额贷款有限公司', shortName: '铜都小贷', kind: 'microloan', strategic: false, agreementOn: null, contactName: '林芳', contactPhone: '0701-6268909' },
  { code: 'gszq', name: '国盛证券有限责任公司鹰潭营业部', shortName: '国盛证券', kind: 'securities', strategic: false, agreementOn: null, contactName: '何俊', contactPhone: '0701-6270110' },
  { code: 'jxfl', name: '江西金融租赁股份有限公司', shortName: '江西金租', kind: 'leasing', strategic: false, agreementOn: null, contactName: '高峰', contactPhone: '0791-86660211' },
  { code: 'ytctfl', name: '鹰潭市城投融资租赁有限公司', shortName: '城投融资租赁', kind: 'leasing', strategic: false, agreementOn: null, contactName: '梁静', contactPhone: '0701-6271312' },
  { code: 'ytif', name: '鹰潭市产业投资基金管理有限公司', shortName: '市产业投资基金', kind: 'fund', strategic: false, agreementOn: null, contactName: '宋涛', contactPhone: '0701-6272413' },
];

type Template = {
  name: string;
  type: ProductType;
  /** annual rate range, % */
  rate: [number, number];
  /** months */
  term: [number, number];
  /** 万元 */
  amount: [number, number];
  collateral: CollateralKind[];
  chains?: string[];
  tags?: string[];
  note?: string;
  description: string;
};

/** Products by institution code: 3–5 for each bank, 1–2 for most of the others (≈60). */
const PRODUCTS: Record<string, Template[]> = {
  icbc: [
    { name: '经营快贷', type: 'credit', rate: [3.45, 4.35], term: [1, 12], amount: [10, 300], collateral: ['none'], note: '纳税信用A/B级、正常经营满2年的小微企业', description: '基于企业纳税、结算、工商等数据线上审批,随借随还,按日计息。' },
    { name: '科创贷', type: 'credit', rate: [3.3, 4.2], term: [6, 36], amount: [50, 1000], collateral: ['none'], tags: ['high_tech', 'tech_sme', 'specialized'], note: '高新技术企业、科技型中小企业、专精特新企业', description: '以研发投入、知识产权和人才等“科创指标”授信,最高1000万元,可追加知识产权质押提额。' },
    { name: '铜材仓单质押贷', type: 'pledge', rate: [3.6, 4.6], term: [3, 12], amount: [100, 5000], collateral: ['inventory'], chains: ['copper'], note: '铜基新材料产业链上下游企业,以标准仓单或监管仓库存铜质押', description: '以上期所标准仓单或园区监管仓库存铜出质,质押率最高80%,盯市管理,随用随还。' },
    { name: '政采贷', type: 'credit', rate: [3.5, 4.3], term: [1, 12], amount: [10, 1000], collateral: ['receivables'], note: '中标政府采购项目的供应商', description: '凭政府采购合同线上申请,以合同应收账款作为还款来源,无需抵押。' },
  ],
  abc: [
    { name: '纳税e贷', type: 'credit', rate: [3.5, 4.5], term: [1, 12], amount: [5, 300], collateral: ['none'], note: '依法纳税满2年,纳税信用等级B级以上', description: '农行掌银/企业网银线上申请,依据纳税数据自动测额,循环使用。' },
    { name: '链捷贷', type: 'supply_chain', rate: [3.65, 4.5], term: [1, 12], amount: [20, 2000], collateral: ['receivables'], chains: ['copper', 'electronics'], note: '核心企业上游供应商', description: '以对核心企业的应收账款为基础,核心企业确权后线上放款。' },
    { name: '科技e贷', type: 'credit', rate: [3.4, 4.2], term: [6, 36], amount: [50, 1000], collateral: ['none'], tags: ['high_tech', 'tech_sme'], description: '面向科技型企业的纯信用贷款,按科技创新评价结果核定额度。' },
    { name: '厂房抵押e贷', type: 'mortgage', rate: [3.85, 4.75], term: [12, 120], amount: [100, 3000], collateral: ['property', 'land'], description: '以企业自有厂房、土地使用权抵押,抵押率最高70%,最长10年。' },
  ],
  boc: [
    { name: '中银科技通宝', type: 'credit', rate: [3.3, 4.1], term: [6, 36], amount: [100, 2000], collateral: ['none'], tags: ['high_tech', 'specialized', 'little_giant'], note: '国家高新技术企业、专精特新“小巨人”', description: '中国银行科技金融专属产品,信用方式为主,可叠加知识产权质押增信。' },
    { name: '中银税易贷', type: 'credit', rate: [3.6, 4.5], term: [1, 12], amount: [10, 500], collateral: ['none'], description: '以纳税数据为依据的线上信用贷款,额度最高500万元。' },
    { name: '出口信保融资', type: 'supply_chain', rate: [3.2, 4.0], term: [1, 6], amount: [50, 3000], collateral: ['receivables'], tags: ['foreign_invested'], note: '投保出口信用保险的外贸企业', description: '以出口信用保险项下应收账款转让,赔款权益转让给银行。' },
  ],
  ccb: [
    { name: '云税贷', type: 'credit', rate: [3.45, 4.35], term: [1, 12], amount: [5, 300], collateral: ['none'], note: '纳税信用等级A/B/M级', description: '建行惠懂你App线上申请,秒批秒贷,随借随还。' },
    { name: '抵押快贷', type: 'mortgage', rate: [3.6, 4.4], term: [12, 120], amount: [50, 3000], collateral: ['property'], description: '以企业或实际控制人名下房产抵押,线上评估,最快当日放款。' },
    { name: '善新贷', type: 'credit', rate: [3.3, 4.0], term: [6, 36], amount: [100, 2000], collateral: ['none'], tags: ['specialized', 'little_giant', 'gazelle'], note: '专精特新、瞪羚企业', description: '面向专精特新企业的专属信用贷款,按“技术流”评价核定额度。' },
    { name: '信用快贷', type: 'credit', rate: [3.85, 4.75], term: [1, 12], amount: [5, 200], collateral: ['none'], description: '基于企业结算流水和信用记录的线上小额信用贷款。' },
  ],
  bocom: [
    { name: '线上税融通', type: 'credit', rate: [3.65, 4.5], term: [1, 12], amount: [10, 300], collateral: ['none'], description: '依据纳税数据线上授信,支持随借随还。' },
    { name: '科创易贷', type: 'credit', rate: [3.4, 4.3], term: [6, 36], amount: [50, 1000], collateral: ['none'], tags: ['high_tech', 'tech_sme'], description: '以企业科技创新能力为核心授信要素,信用为主。' },
    { name: '普惠抵押贷', type: 'mortgage', rate: [3.75, 4.65], term: [12, 60], amount: [50, 1000], collateral: ['property', 'land'], description: '房产、土地抵押,续贷无需还本。' },
  ],
  psbc: [
    { name: '小微易贷', type: 'credit', rate: [3.8, 4.8], term: [1, 12], amount: [5, 300], collateral: ['none'], description: '依据税务、发票、结算等数据线上办理,全流程线上化。' },
    { name: '科创贷', type: 'credit', rate: [3.5, 4.3], term: [6, 36], amount: [50, 1000], collateral: ['none'], tags: ['high_tech', 'tech_sme', 'specialized'], description: '邮储银行科技型企业专属信用贷款。' },
    { name: '极速贷', type: 'credit', rate: [4.2, 5.5], term: [1, 12], amount: [3, 100], collateral: ['none'], note: '个体工商户及小微企业主', description: '小额快速,手机银行申请,最快5分钟放款。' },
  ],
  jjbank: [
    { name: '税e贷', type: 'credit', rate: [4.0, 5.2], term: [1, 12], amount: [5, 300], collateral: ['none'], description: '纳税信用B级以上企业线上申请,随借随还。' },
    { name: '园区贷', type: 'guarantee', rate: [4.2, 5.3], term: [6, 36], amount: [50, 1000], collateral: ['guarantee'], note: '鹰潭高新区入园企业,由市融资担保集团提供担保', description: '园区、担保公司、银行三方合作,担保费率不超过1%,政府风险补偿兜底。' },
    { name: '知识产权质押贷', type: 'ip_pledge', rate: [3.9, 4.9], term: [12, 36], amount: [50, 1000], collateral: ['ip'], tags: ['high_tech', 'tech_sme'], description: '以发明专利、实用新型专利、商标专用权出质,享受知识产权质押融资贴息。' },
  ],
  jxbank: [
    { name: '财园信贷通', type: 'guarantee', rate: [4.35, 4.35], term: [6, 12], amount: [50, 1000], collateral: ['none'], note: '省财政“财园信贷通”入池企业', description: '江西省财政、园区设立风险补偿金,银行按风险补偿金的8倍放大贷款,利率不超过LPR上浮30%,无需抵押。' },
    { name: '科贷通', type: 'credit', rate: [3.8, 4.8], term: [6, 36], amount: [50, 1000], collateral: ['none'], tags: ['high_tech', 'tech_sme', 'specialized'], description: '科技型企业信用贷款,科技部门推荐即可申请。' },
    { name: '金e贷', type: 'credit', rate: [4.1, 5.4], term: [1, 12], amount: [10, 300], collateral: ['none'], description: '线上信用贷款,基于纳税及结算数据自动审批。' },
    { name: '铜商通', type: 'supply_chain', rate: [4.0, 5.0], term: [3, 12], amount: [100, 3000], collateral: ['inventory', 'receivables'], chains: ['copper'], description: '面向铜产业链贸易与加工企业的订单融资、存货融资组合产品。' },
  ],
  gzbank: [
    { name: '转贷通', type: 'credit', rate: [4.2, 5.2], term: [1, 12], amount: [50, 2000], collateral: ['guarantee', 'property'], note: '贷款到期、经营正常的存量客户', description: '贷款到期前审批续贷,无还本续贷,减少企业过桥成本。' },
    { name: '赣银科技贷', type: 'credit', rate: [3.9, 4.9], term: [6, 36], amount: [50, 800], collateral: ['none'], tags: ['high_tech', 'tech_sme'], description: '面向科技型中小企业的信用贷款。' },
    { name: '税金贷', type: 'credit', rate: [4.5, 5.8], term: [1, 12], amount: [5, 200], collateral: ['none'], description: '按年纳税额的一定倍数核定额度。' },
  ],
  srbank: [
    { name: '人才贷', type: 'credit', rate: [3.8, 4.6], term: [12, 36], amount: [50, 500], collateral: ['none'], note: '市级以上人才计划入选者创办的企业', description: '以创业人才的信用和项目前景授信,纯信用。' },
    { name: '饶银税贷', type: 'credit', rate: [4.35, 5.6], term: [1, 12], amount: [5, 300], collateral: ['none'], description: '依据纳税数据线上授信。' },
    { name: '设备按揭贷', type: 'mortgage', rate: [4.5, 5.5], term: [12, 60], amount: [30, 1000], collateral: ['equipment'], chains: ['copper', 'electronics', 'water'], description: '以新购生产设备抵押,首付最低30%,按月等额还款。' },
  ],
  ytrcb: [
    { name: '铜业贷', type: 'pledge', rate: [4.5, 5.8], term: [3, 12], amount: [30, 1500], collateral: ['inventory', 'receivables'], chains: ['copper'], description: '鹰潭农商银行铜产业专属产品,库存铜、应收账款均可作押。' },
    { name: '园区厂房按揭贷', type: 'mortgage', rate: [4.35, 5.5], term: [36, 120], amount: [100, 3000], collateral: ['property', 'land'], note: '购置园区标准厂房的企业', description: '购置园区标准厂房按揭贷款,首付最低30%,最长10年。' },
    { name: '小微快贷', type: 'credit', rate: [4.8, 6.5], term: [1, 12], amount: [3, 100], collateral: ['none'], description: '本地小微企业、个体工商户线上信用贷款,审批1个工作日。' },
    { name: '续贷通', type: 'credit', rate: [4.5, 5.6], term: [1, 12], amount: [20, 1000], collateral: ['property', 'guarantee'], description: '存量贷款到期无还本续贷。' },
    { name: '商户e贷', type: 'credit', rate: [5.0, 6.5], term: [1, 12], amount: [1, 50], collateral: ['none'], chains: ['services'], description: '园区商贸服务商户线上小额信用贷款。' },
  ],
  cib: [
    { name: '兴e贴', type: 'bill', rate: [3.0, 3.9], term: [1, 12], amount: [10, 5000], collateral: ['receivables'], description: '银行承兑汇票、商业承兑汇票线上秒贴,贴现利率随市场报价。' },
    { name: '技术流', type: 'credit', rate: [3.5, 4.4], term: [6, 36], amount: [100, 2000], collateral: ['none'], tags: ['high_tech', 'specialized', 'little_giant'], description: '以企业“技术流”评价体系授信,看技术不唯抵押。' },
    { name: '商票保贴', type: 'bill', rate: [3.1, 3.9], term: [1, 12], amount: [50, 5000], collateral: ['receivables'], chains: ['copper', 'electronics'], description: '对核心企业签发的商业承兑汇票给予保贴额度。' },
  ],
  citic: [
    { name: '信秒贷', type: 'credit', rate: [3.6, 4.6], term: [1, 12], amount: [10, 300], collateral: ['none'], description: '依据纳税、发票数据线上授信,秒级审批。' },
    { name: '科创e贷', type: 'credit', rate: [3.4, 4.3], term: [6, 36], amount: [50, 1000], collateral: ['none'], tags: ['high_tech', 'tech_sme', 'ipo_reserve'], description: '服务科技企业及上市后备企业的信用贷款,可配套认股选择权。' },
    { name: '信e链', type: 'supply_chain', rate: [3.7, 4.6], term: [1, 12], amount: [50, 3000], collateral: ['receivables'], chains: ['copper', 'iot', 'electronics'], description: '核心企业信用在供应链上多级流转,上游供应商凭电子债权凭证融资。' },
  ],
  ytfg: [
    { name: '园企担保贷', type: 'guarantee', rate: [3.9, 4.9], term: [6, 36], amount: [50, 2000], collateral: ['guarantee'], note: '担保费率0.8%/年,合作银行均可用', description: '市融资担保集团为园区企业向合作银行贷款提供担保,单户最高2000万元。' },
    { name: '应急转贷担保', type: 'guarantee', rate: [3.0, 3.0], term: [1, 3], amount: [50, 3000], collateral: ['guarantee'], description: '配合应急转贷资金使用,为续贷提供临时担保。' },
  ],
  jxfg: [{ name: '科技担保贷', type: 'guarantee', rate: [4.0, 5.0], term: [12, 36], amount: [100, 1000], collateral: ['guarantee'], tags: ['high_tech', 'specialized'], description: '省担保集团“科技贷”,担保费率不超过1%。' }],
  gxtechg: [{ name: '知识产权担保贷', type: 'ip_pledge', rate: [4.2, 5.2], term: [12, 36], amount: [50, 500], collateral: ['ip', 'guarantee'], tags: ['high_tech', 'tech_sme'], description: '以知识产权反担保,为科技企业贷款提供担保。' }],
  picc: [
    { name: '小额贷款保证保险', type: 'insurance', rate: [4.8, 6.0], term: [6, 12], amount: [10, 300], collateral: ['none'], description: '以保证保险替代抵押,保费与贷款利息合计成本不超过6%。' },
    { name: '首台套重大技术装备保险', type: 'insurance', rate: [3.0, 3.0], term: [12, 12], amount: [100, 5000], collateral: ['none'], chains: ['copper', 'electronics', 'iot'], description: '首台(套)重大技术装备质量和责任保险,财政补贴保费80%。' },
  ],
  pingan: [{ name: '科技企业研发费用损失保险', type: 'insurance', rate: [3.5, 4.5], term: [12, 12], amount: [50, 1000], collateral: ['none'], tags: ['high_tech', 'tech_sme'], description: '研发失败造成的研发费用损失按约定赔付。' }],
  xjml: [{ name: '周转快贷', type: 'credit', rate: [6.0, 6.5], term: [1, 6], amount: [10, 300], collateral: ['guarantee'], description: '小额短期周转资金,3个工作日放款。' }],
  tdml: [{ name: '铜商周转贷', type: 'pledge', rate: [5.8, 6.5], term: [1, 6], amount: [20, 500], collateral: ['inventory'], chains: ['copper'], description: '以库存铜质押的短期周转贷款。' }],
  gszq: [{ name: '科创债券融资服务', type: 'other', rate: [3.0, 4.0], term: [24, 60], amount: [3000, 50000], collateral: ['none'], tags: ['ipo_reserve', 'little_giant'], description: '为上市后备、专精特新“小巨人”企业提供科创债、可转债发行辅导与承销。' }],
  jxfl: [
    { name: '设备售后回租', type: 'leasing', rate: [4.8, 6.2], term: [12, 60], amount: [300, 10000], collateral: ['equipment'], description: '以企业自有设备售后回租盘活存量资产。' },
    { name: '新设备直租', type: 'leasing', rate: [4.5, 5.8], term: [12, 60], amount: [200, 5000], collateral: ['equipment'], chains: ['copper', 'electronics'], description: '租赁公司按企业指定购买新设备并出租,租期结束留购。' },
  ],
  ytctfl: [{ name: '园区厂房融资租赁', type: 'leasing', rate: [5.0, 6.3], term: [24, 96], amount: [500, 8000], collateral: ['property'], description: '以园区标准厂房为租赁物的融资租赁。' }],
  ytif: [{ name: '产业基金股权投资', type: 'other', rate: [3.0, 3.0], term: [36, 84], amount: [500, 10000], collateral: ['equity'], chains: ['copper', 'iot', 'electronics'], tags: ['specialized', 'gazelle', 'ipo_reserve'], description: '市产业投资基金对园区重点产业链企业股权投资,可约定回购。' }],
};

/**
 * The park's 26 institutions: marks the 13 partner banks (seeded by seed-demo.ts) as strategic
 * banks with their agreement dates, adds guarantee, insurance, microloan, securities, leasing and
 * fund institutions, and gives every institution a 客户经理 log-in `bank_<code>` (plus `bank2`
 * for the second bank), with the demo password's hash taken from the demo `bank` account.
 */
export async function seedInstitutions(trx: Transaction<DB>, options: FinanceSeedOptions): Promise<void> {
  const { parkId, now } = options;
  const banks = await trx.selectFrom('banks').select(['id', 'code', 'short_name']).where('park_id', '=', parkId).orderBy('created_at').orderBy('code').execute();
  const order = Object.keys(BANK_AGREEMENTS);
  for (const bank of banks) {
    const agreement = BANK_AGREEMENTS[bank.code];
    if (!agreement) continue;
    await trx
      .updateTable('banks')
      .set({ kind: 'bank', strategic: true, agreement_on: agreement.agreementOn, contact_name: agreement.contactName, contact_phone: agreement.contactPhone, status: 'active', sort: (order.indexOf(bank.code) + 1) * 10 })
      .where('id', '=', bank.id)
      .execute();
  }
  const others = await trx
    .insertInto('banks')
    .values(
      OTHER_INSTITUTIONS.map((o, i) => ({
        park_id: parkId,
        code: o.code,
        name: o.name,
        short_name: o.shortName,
        kind: o.kind,
        strategic: o.strategic,
        agreement_on: o.agreementOn,
        contact_name: o.contactName,
        contact_phone: o.contactPhone,
        status: 'active' as const,
        sort: 200 + i * 10,
      })),
    )
    .returning(['id', 'code', 'short_name'])
    .execute();

  const demoBank = await trx.selectFrom('users').select(['password_hash', 'bank_id']).where('park_id', '=', parkId).where('username', '=', 'bank').executeTakeFirst();
  if (!demoBank) return;
  const all = [...banks.filter((b) => BANK_AGREEMENTS[b.code]).sort((a, b) => order.indexOf(a.code) - order.indexOf(b.code)), ...others];
  const second = all[1];
  const users = [
    ...all.map((b) => ({ park_id: parkId, username: `bank_${b.code}`, display_name: `${b.short_name} 客户经理`, password_hash: demoBank.password_hash, roles: ['bank'], bank_id: b.id })),
    ...(second ? [{ park_id: parkId, username: 'bank2', display_name: `${second.short_name} 客户经理`, password_hash: demoBank.password_hash, roles: ['bank'], bank_id: second.id }] : []),
  ];
  await trx.insertInto('users').values(users).execute();
  await recordAudit(trx, null, parkId, [{ action: 'seed', entity: 'finance_institution', entityId: null, before: null, after: { institutions: all.length, strategic: all.length - others.length + OTHER_INSTITUTIONS.filter((o) => o.strategic).length, users: users.length } }], now);
}

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * About 60 products: 3–5 per bank and 1–2 for most other institutions, rates 3.0–6.5 %. Most are
 * on sale; a few were withdrawn, a few ran out (valid until a past date), one is not yet valid and
 * the demo banks each keep a draft. Deterministic.
 */
export async function seedProducts(trx: Transaction<DB>, options: FinanceSeedOptions): Promise<void> {
  const { parkId, now } = options;
  const random = mulberry32(20261207);
  const today = shanghaiDate(now);
  const banks = await trx.selectFrom('banks').select(['id', 'code']).where('park_id', '=', parkId).execute();
  const byCode = new Map(banks.map((b) => [b.code, b.id]));
  const managers = await trx.selectFrom('users').select(['id', 'bank_id']).where('park_id', '=', parkId).where('username', 'like', 'bank\\_%').execute();
  const managerOf = new Map(managers.map((m) => [m.bank_id, m.id]));
  const rows: Insertable<DB['finance_products']>[] = [];
  let index = 0;
  for (const [code, templates] of Object.entries(PRODUCTS)) {
    const bankId = byCode.get(code);
    if (!bankId) continue;
    templates.forEach((t, i) => {
      index += 1;
      // valid from 2–20 months ago; most run open-ended or to a date next year
      let from = addDays(today, -Math.round(60 + random() * 540));
      let validTo: string | null = random() < 0.45 ? null : addDays(today, Math.round(120 + random() * 600));
      let status: 'draft' | 'published' | 'withdrawn' = 'published';
      if (index % 12 === 6) status = 'withdrawn';
      else if (index % 14 === 9) {
        // ran out: valid for a year until 10–130 days ago
        validTo = addDays(today, -Math.round(10 + random() * 120));
        from = addDays(validTo, -365);
      } else if (index % 29 === 17) from = addDays(today, 12); // not yet valid
      if ((code === 'icbc' || code === 'abc') && i === templates.length - 1) status = 'draft';
      const createdAt = new Date(Date.parse(`${from < today ? from : today}T01:30:00Z`) - 3 * 86_400_000);
      rows.push({
        park_id: parkId,
        bank_id: bankId,
        name: t.name,
        type: t.type,
        rate_min_bp: Math.round(t.rate[0] * 100),
        rate_max_bp: Math.round(t.rate[1] * 100),
        term_min_months: t.term[0],
        term_max_months: t.term[1],
        amount_min_fen: t.amount[0] * 1_000_000,
        amount_max_fen: t.amount[1] * 1_000_000,
        collateral: t.collateral,
        target_chains: t.chains ?? [],
        target_tags: t.tags ?? [],
        target_note: t.note ?? null,
        description: t.description,
        valid_from: from,
        valid_to: validTo,
        status,
        created_by: managerOf.get(bankId) ?? null,
        created_at: createdAt,
        updated_at: createdAt,
      });
    });
  }
  await trx.insertInto('finance_products').values(rows).execute();
  await recordAudit(trx, null, parkId, [{ action: 'seed', entity: 'finance_product', entityId: null, before: null, after: { products: rows.length } }], now);
}
