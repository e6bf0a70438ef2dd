/**
 * Master data of the demo park: a national high-tech zone in 鹰潭 next to 龙虎山 with about 1,000
 * enterprises, an IoT (物联网) leading industry, a copper-based materials chain with exactly 31 规上
 * firms, 13 partner banks and about 20 驻企专员.
 *
 * Pure and deterministic: the same seed always yields the same park (the seeded mulberry32 of random.ts; no
 * Math.random, no clock). No database code here — the seeder writes what this returns.
 *
 * Everything is invented. The park report's figures are claims the platform must compute from its
 * own data; only the structure the spec fixes (31 规上 copper firms, 13 banks, ~20 liaisons serving
 * 200+ firms) is built in.
 */
import { ABOVE_SCALE_REVENUE_FEN, USCC_CHARSET, orgCodeCheckChar, usccCheckChar } from '@yuanqi/contract';
import { mulberry32 } from './random.js';

export type DemoEnterprise = {
  uscc: string;
  name: string;
  legalRepresentative: string;
  registeredCapitalFen: number;
  /** YYYY-MM-DD */
  foundedOn: string;
  /** GB/T 4754-2017 class code with its section letter, e.g. 'C3831'. */
  industryCode: string;
  /** chain dictionary code */
  chain: string;
  isAboveScale: boolean;
  annualRevenueFen: number;
  headcount: number;
  address: string;
  plot: string | null;
  contactName: string;
  /** valid 11-digit mobile */
  contactPhone: string;
  /** tag dictionary codes */
  tags: string[];
  liaisonUsername: string | null;
};

export type DemoPark = {
  park: { code: string; name: string; region: string };
  chains: { code: string; label: string }[];
  tags: { code: string; label: string }[];
  industries: { code: string; label: string }[];
  banks: { code: string; name: string; shortName: string }[];
  liaisons: { username: string; displayName: string; phone: string }[];
  enterprises: DemoEnterprise[];
  demoEnterpriseUscc: string;
};

export const DEFAULT_DEMO_SEED = 20260615;

/** The demo log-in of the first liaison; the demo enterprise is one of the firms it serves. */
export const DEMO_LIAISON_USERNAME = 'liaison';

// ---------------------------------------------------------------------------------------------
// Seeded randomness
// ---------------------------------------------------------------------------------------------

class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  /** [0, 1) */
  float(): number {
    return this.next();
  }
  /** integer in [min, max] */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  weighted<T>(items: readonly { value: T; weight: number }[]): T {
    const total = items.reduce((s, i) => s + i.weight, 0);
    let r = this.next() * total;
    for (const item of items) {
      r -= item.weight;
      if (r < 0) return item.value;
    }
    return items[items.length - 1].value;
  }
  /** log-uniform in [min, max], skew > 1 leans towards min */
  logRange(min: number, max: number, skew = 1): number {
    const u = Math.pow(this.next(), skew);
    return min * Math.pow(max / min, u);
  }
}

// ---------------------------------------------------------------------------------------------
// Dictionaries
// ---------------------------------------------------------------------------------------------

const PARK = { code: 'ytgx', name: '鹰潭高新技术产业开发区', region: '江西省鹰潭市' };

const TAGS = [
  { code: 'high_tech', label: '高新技术企业' },
  { code: 'tech_sme', label: '科技型中小企业' },
  { code: 'specialized', label: '专精特新' },
  { code: 'little_giant', label: '专精特新小巨人' },
  { code: 'gazelle', label: '瞪羚企业' },
  { code: 'ipo_reserve', label: '上市后备' },
  { code: 'foreign_invested', label: '外资企业' },
] as const;
type TagCode = (typeof TAGS)[number]['code'];

const BANKS = [
  { code: 'icbc', name: '中国工商银行股份有限公司鹰潭分行', shortName: '工商银行' },
  { code: 'abc', name: '中国农业银行股份有限公司鹰潭分行', shortName: '农业银行' },
  { code: 'boc', name: '中国银行股份有限公司鹰潭分行', shortName: '中国银行' },
  { code: 'ccb', name: '中国建设银行股份有限公司鹰潭分行', shortName: '建设银行' },
  { code: 'bocom', name: '交通银行股份有限公司鹰潭分行', shortName: '交通银行' },
  { code: 'psbc', name: '中国邮政储蓄银行股份有限公司鹰潭市分行', shortName: '邮储银行' },
  { code: 'jjbank', name: '九江银行股份有限公司鹰潭分行', shortName: '九江银行' },
  { code: 'jxbank', name: '江西银行股份有限公司鹰潭分行', shortName: '江西银行' },
  { code: 'gzbank', name: '赣州银行股份有限公司鹰潭分行', shortName: '赣州银行' },
  { code: 'srbank', name: '上饶银行股份有限公司鹰潭分行', shortName: '上饶银行' },
  { code: 'ytrcb', name: '鹰潭农村商业银行股份有限公司', shortName: '鹰潭农商银行' },
  { code: 'cib', name: '兴业银行股份有限公司鹰潭分行', shortName: '兴业银行' },
  { code: 'citic', name: '中信银行股份有限公司鹰潭分行', shortName: '中信银行' },
];

type IndustryDef = { code: string; label: string; weight: number; words: string[] };

type ChainPlan = {
  code: string;
  label: string;
  /** [base, ± jitter] of 规上 firms; copper has no jitter */
  aboveScale: [number, number];
  /** [base, ± jitter] of smaller firms */
  small: [number, number];
  industries: IndustryDef[];
  /** upper bound of a 规上 firm's revenue, 元 */
  maxRevenueYuan: number;
  /** revenue per employee, 元 */
  perHeadYuan: [number, number];
  /** founding years of 规上 firms and how much they lean to recent years (>1) or old ones (<1) */
  bigFounded: [number, number, number];
  smallFounded: [number, number, number];
  /** address patterns for this chain's firms */
  sites: readonly Site[];
};

type Site = 'road' | 'zhilian' | 'bailu' | 'standard' | 'incubator' | 'finance' | 'fiveg' | 'health' | 'water';

/** GB/T 4754-2017 classes; labels are the standard's own names. */
const CHAIN_PLANS: ChainPlan[] = [
  {
    code: 'iot',
    label: '物联网',
    aboveScale: [42, 4],
    small: [258, 10],
    industries: [
      { code: 'I6532', label: '物联网技术服务', weight: 7, words: ['物联科技', '物联网科技', '物联技术', '智联科技', '智慧水务'] },
      { code: 'C3921', label: '通信系统设备制造', weight: 2, words: ['通信设备', '通信科技'] },
      { code: 'C3922', label: '通信终端设备制造', weight: 2, words: ['智能终端', '通讯科技'] },
      { code: 'C3983', label: '敏感元件及传感器制造', weight: 3, words: ['传感技术', '传感科技', '感知科技'] },
      { code: 'C3962', label: '智能车载设备制造', weight: 1, words: ['车联科技', '智能车载'] },
      { code: 'C3969', label: '其他智能消费设备制造', weight: 2, words: ['智能科技', '智能设备'] },
      { code: 'C3914', label: '工业控制计算机及系统制造', weight: 1, words: ['自动化', '工控科技'] },
      { code: 'I6513', label: '应用软件开发', weight: 4, words: ['软件', '软件科技', '网络科技'] },
      { code: 'I6531', label: '信息系统集成服务', weight: 3, words: ['信息技术', '系统集成', '数字科技'] },
      { code: 'I6520', label: '集成电路设计', weight: 1, words: ['微电子', '芯片科技'] },
    ],
    maxRevenueYuan: 3_000_000_000,
    perHeadYuan: [500_000, 1_800_000],
    bigFounded: [2008, 2023, 1.3],
    smallFounded: [2012, 2026, 1.8],
    sites: ['zhilian', 'zhilian', 'fiveg', 'incubator', 'road', 'bailu'],
  },
  {
    code: 'copper',
    label: '铜基新材料',
    aboveScale: [31, 0],
    small: [52, 6],
    industries: [
      { code: 'C3211', label: '铜冶炼', weight: 2, words: ['铜业', '冶炼', '再生资源'] },
      { code: 'C3240', label: '有色金属合金制造', weight: 2, words: ['合金材料', '新材料', '合金'] },
      { code: 'C3251', label: '铜压延加工', weight: 5, words: ['铜材', '铜业', '铜箔', '精密铜材', '铜带', '铜杆'] },
      { code: 'C3392', label: '有色金属铸造', weight: 1, words: ['精密铸造', '铸造'] },
      { code: 'C3340', label: '金属丝绳及其制品制造', weight: 1, words: ['线材', '金属制品'] },
      { code: 'C3360', label: '金属表面处理及热处理加工', weight: 1, words: ['表面处理科技', '金属表面处理'] },
      { code: 'C3831', label: '电线、电缆制造', weight: 4, words: ['电缆', '线缆', '电线电缆', '电工材料'] },
    ],
    maxRevenueYuan: 6_000_000_000,
    perHeadYuan: [2_500_000, 8_000_000],
    bigFounded: [1995, 2019, 0.8],
    smallFounded: [2000, 2026, 1.2],
    sites: ['road', 'road', 'road', 'standard'],
  },
  {
    code: 'electronics',
    label: '电子信息',
    aboveScale: [24, 3],
    small: [96, 6],
    industries: [
      { code: 'C3982', label: '电子电路制造', weight: 4, words: ['电子', '电路科技', '线路板', '精密电路'] },
      { code: 'C3976', label: '光电子器件制造', weight: 3, words: ['光电', '光电科技', '光学'] },
      { code: 'C3981', label: '电阻电容电感元件制造', weight: 2, words: ['电子元件', '电子科技'] },
      { code: 'C3984', label: '电声器件及零件制造', weight: 1, words: ['声学科技', '电声'] },
      { code: 'C3974', label: '显示器件制造', weight: 1, words: ['显示科技', '光显'] },
      { code: 'C3985', label: '电子专用材料制造', weight: 2, words: ['电子材料', '电子新材料'] },
      { code: 'C3989', label: '其他电子元件制造', weight: 2, words: ['精密电子', '电子器件'] },
      { code: 'C3990', label: '其他电子设备制造', weight: 1, words: ['电子设备', '电子技术'] },
      { code: 'C3973', label: '集成电路制造', weight: 1, words: ['半导体', '微电子科技'] },
    ],
    maxRevenueYuan: 3_000_000_000,
    perHeadYuan: [400_000, 1_500_000],
    bigFounded: [2006, 2023, 1.2],
    smallFounded: [2010, 2026, 1.6],
    sites: ['zhilian', 'bailu', 'road', 'standard'],
  },
  {
    code: 'health',
    label: '大健康',
    aboveScale: [16, 2],
    small: [89, 6],
    industries: [
      { code: 'C1492', label: '保健食品制造', weight: 3, words: ['生物科技', '健康产业', '保健食品'] },
      { code: 'C1491', label: '营养食品制造', weight: 1, words: ['营养科技', '营养食品'] },
      { code: 'C1499', label: '其他未列明食品制造', weight: 2, words: ['食品', '食品科技'] },
      { code: 'C1469', label: '其他调味品、发酵制品制造', weight: 1, words: ['酿造', '调味食品'] },
      { code: 'C2720', label: '化学药品制剂制造', weight: 1, words: ['药业', '制药'] },
      { code: 'C2740', label: '中成药生产', weight: 2, words: ['中药', '药业', '制药'] },
      { code: 'C2730', label: '中药饮片加工', weight: 2, words: ['中药饮片', '本草科技', '中药材'] },
      { code: 'C2770', label: '卫生材料及医药用品制造', weight: 2, words: ['医疗用品', '卫生材料'] },
      { code: 'Q8491', label: '健康体检服务', weight: 1, words: ['健康管理', '健康体检'] },
      { code: 'Q8492', label: '临床检验服务', weight: 1, words: ['医学检验', '医学检验实验室'] },
      { code: 'Q8425', label: '门诊部（所）', weight: 1, words: ['中医门诊部', '门诊部'] },
    ],
    maxRevenueYuan: 800_000_000,
    perHeadYuan: [400_000, 1_500_000],
    bigFounded: [2003, 2022, 1],
    smallFounded: [2008, 2026, 1.5],
    sites: ['health', 'road', 'standard'],
  },
  {
    code: 'water',
    label: '绿色水工',
    aboveScale: [12, 2],
    small: [48, 4],
    industries: [
      { code: 'C3352', label: '建筑装饰及水暖管道零件制造', weight: 4, words: ['水暖', '水暖器材', '卫浴', '管件'] },
      { code: 'C3383', label: '金属制卫生器具制造', weight: 2, words: ['厨卫', '洁具'] },
      { code: 'C3443', label: '阀门和旋塞制造', weight: 3, words: ['阀门', '流体控制', '阀业'] },
      { code: 'C3072', label: '卫生陶瓷制品制造', weight: 1, words: ['陶瓷', '卫浴洁具'] },
      { code: 'C2922', label: '塑料板、管、型材制造', weight: 2, words: ['管业', '塑胶管业'] },
    ],
    maxRevenueYuan: 1_000_000_000,
    perHeadYuan: [500_000, 1_500_000],
    bigFounded: [2000, 2021, 0.9],
    smallFounded: [2006, 2026, 1.4],
    sites: ['water', 'road', 'standard'],
  },
  {
    code: 'services',
    label: '现代服务',
    aboveScale: [14, 3],
    small: [236, 10],
    industries: [
      { code: 'L7221', label: '园区管理服务', weight: 1, words: ['园区运营', '产业园管理', '园区服务'] },
      { code: 'L7224', label: '供应链管理服务', weight: 3, words: ['供应链管理', '供应链', '物贸'] },
      { code: 'L7212', label: '投资与资产管理', weight: 2, words: ['投资', '资产管理', '实业投资'] },
      { code: 'L7241', label: '会计、审计及税务服务', weight: 2, words: ['财务咨询', '税务师事务所', '会计服务'] },
      { code: 'L7249', label: '其他专业咨询与调查', weight: 2, words: ['企业管理咨询', '管理咨询', '咨询服务'] },
      { code: 'L7263', label: '劳务派遣服务', weight: 1, words: ['劳务派遣', '劳务服务'] },
      { code: 'L7269', label: '其他人力资源服务', weight: 2, words: ['人力资源', '人力资源服务'] },
      { code: 'L7281', label: '科技会展服务', weight: 1, words: ['会展服务', '展览'] },
      { code: 'L7297', label: '商务代理代办服务', weight: 2, words: ['企业服务', '商务服务'] },
      { code: 'M7320', label: '工程和技术研究和试验发展', weight: 2, words: ['技术研究院', '科技研究院'] },
      { code: 'M7452', label: '检测服务', weight: 2, words: ['检测技术', '检测', '检验检测'] },
      { code: 'M7484', label: '工程设计活动', weight: 1, words: ['工程设计', '建筑设计'] },
      { code: 'M7491', label: '工业设计服务', weight: 1, words: ['工业设计'] },
      { code: 'M7513', label: '新材料技术推广服务', weight: 1, words: ['新材料技术', '材料科技'] },
      { code: 'M7520', label: '知识产权服务', weight: 1, words: ['知识产权', '知识产权代理'] },
      { code: 'M7530', label: '科技中介服务', weight: 2, words: ['科技服务', '科技咨询'] },
      { code: 'M7540', label: '创业空间服务', weight: 1, words: ['孵化器管理', '众创空间管理'] },
      { code: 'I6560', label: '信息技术咨询服务', weight: 2, words: ['信息咨询', '信息技术咨询'] },
      { code: 'I6591', label: '呼叫中心', weight: 1, words: ['呼叫中心', '客服外包'] },
      { code: 'I6550', label: '信息处理和存储支持服务', weight: 1, words: ['云计算', '数据服务', '云数据'] },
    ],
    maxRevenueYuan: 500_000_000,
    perHeadYuan: [250_000, 900_000],
    bigFounded: [2005, 2022, 1.2],
    smallFounded: [2012, 2026, 2],
    sites: ['finance', 'incubator', 'zhilian', 'fiveg'],
  },
  {
    code: 'other',
    label: '其他产业',
    aboveScale: [10, 2],
    small: [65, 5],
    industries: [
      { code: 'C2231', label: '纸和纸板容器制造', weight: 2, words: ['包装', '纸业'] },
      { code: 'C2319', label: '包装装潢及其他印刷', weight: 1, words: ['印务', '包装印刷'] },
      { code: 'C2929', label: '塑料零件及其他塑料制品制造', weight: 2, words: ['塑业', '塑胶制品'] },
      { code: 'C3021', label: '水泥制品制造', weight: 1, words: ['建材', '新型建材'] },
      { code: 'C3311', label: '金属结构制造', weight: 1, words: ['钢结构', '钢构'] },
      { code: 'C3484', label: '机械零部件加工', weight: 2, words: ['机械', '精密机械', '机械制造'] },
      { code: 'C2641', label: '涂料制造', weight: 1, words: ['涂料', '化工涂料'] },
    ],
    maxRevenueYuan: 500_000_000,
    perHeadYuan: [400_000, 1_200_000],
    bigFounded: [1998, 2021, 0.9],
    smallFounded: [2004, 2026, 1.4],
    sites: ['road', 'standard', 'bailu'],
  },
];

// ---------------------------------------------------------------------------------------------
// Name material
// ---------------------------------------------------------------------------------------------

const SURNAMES: { value: string; weight: number }[] = [
  ...'王李张刘陈'.split('').map((s) => ({ value: s, weight: 7 })),
  ...'杨黄吴徐胡周'.split('').map((s) => ({ value: s, weight: 5 })),
  ...'赵孙朱郭何高林罗郑梁谢宋邓曾熊彭程汪余万付江邹饶桂涂祝'.split('').map((s) => ({ value: s, weight: 2 })),
  ...'马许韩冯曹肖田董袁潘蒋蔡杜叶苏魏吕丁任沈姚卢钟谭陆范金廖夏方邱龚雷黎聂'.split('').map((s) => ({ value: s, weight: 1 })),
  { value: '欧阳', weight: 0.5 },
  { value: '上官', weight: 0.2 },
];
const GIVEN_MALE = '伟强磊军洋勇杰涛明超刚建国文华辉斌鹏飞俊波宇浩凯健林峰亮海志新永金龙东云庆荣发德兵鑫晖昊翔坤彬鸿平军'.split('');
const GIVEN_FEMALE = '芳娜敏静丽艳娟秀霞桂英婷雪琳晨欣怡佳涵宁红春晓思慧雨颖倩玲萍琴兰燕丹梅'.split('');

/** First and second characters of a 字号 (trade name). */
const BRAND_FIRST =
  '华鑫瑞恒泰金宏远盛达信诚德源嘉凯博天腾中江海亿正联智创新明昌丰兴康益聚汇通安宇昊晟锦晶弘隆耀光辉祥和润越峰骏卓讯云赣永佳美鼎伟万富宝长东南创'.split('');
const BRAND_SECOND =
  '科达鑫通源盛泰华丰瑞联创辉鸿腾力成元宇威拓展航阳晨星锐思迪维美睿诺研峰川洋森林恒德信杰芯讯凌翔驰利兴旭昇鹏程远博佳捷优邦'.split('');
/** Local flavour: 信江, 龙虎山, 天师府, 白露, 月湖… */
const BRAND_LOCAL = ['信江', '龙虎', '天师', '白露', '月湖', '鹰城', '象山', '仙水', '龙岗', '童家', '鹰翔', '铜都', '丹霞', '上清'];

const ROADS = ['龙岗大道', '白露大道', '智联大道', '高新大道', '创新大道', '梅园大道', '信江西路', '工业园路', '科技大道', '龙虎山大道'];
const PHONE_PREFIXES = [
  '130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155', '156', '157',
  '158', '159', '166', '173', '176', '177', '178', '180', '181', '182', '183', '185', '186', '187', '188', '189',
  '191', '198', '199',
];
const CAPITAL_LADDER_WAN = [
  10, 20, 30, 50, 100, 200, 300, 500, 800, 1000, 1500, 2000, 3000, 5000, 6000, 8000, 10000, 12000, 15000, 20000,
  30000, 50000, 80000, 100000,
];

/** Latest founding date: the demo data is "as of" mid-2026. */
const LATEST_FOUNDED = Date.UTC(2026, 5, 30);
const DAY_MS = 86_400_000;
const FEN_PER_YUAN = 100;
const FEN_PER_WAN = 1_000_000;

// ---------------------------------------------------------------------------------------------
// Generator
// ---------------------------------------------------------------------------------------------

type Draft = Omit<DemoEnterprise, 'liaisonUsername' | 'name' | 'uscc' | 'tags'> & {
  tags: Set<TagCode>;
  uscc: string;
  name: string;
  manufacturing: boolean;
  foundedYear: number;
};

export function generateDemoPark(seed: number = DEFAULT_DEMO_SEED): DemoPark {
  const rng = new Rng(Number.isFinite(seed) ? Math.trunc(seed) : DEFAULT_DEMO_SEED);
  const usedPhones = new Set<string>();
  const usedUscc = new Set<string>();
  const usedBrands = new Set<string>();
  const usedNames = new Set<string>();
  const plotSeq = new Map<number, number>();

  const personName = (): string => {
    const surname = rng.weighted(SURNAMES);
    const chars = rng.chance(0.68) ? GIVEN_MALE : GIVEN_FEMALE;
    const first = rng.pick(chars);
    if (!rng.chance(surname.length > 1 ? 0.5 : 0.72)) return surname + first;
    let second = rng.pick(chars);
    while (second === first) second = rng.pick(chars);
    return surname + first + second;
  };

  const mobile = (): string => {
    for (;;) {
      let p = rng.pick(PHONE_PREFIXES);
      for (let i = 0; i < 8; i++) p += String(rng.int(0, 9));
      if (!usedPhones.has(p)) {
        usedPhones.add(p);
        return p;
      }
    }
  };

  // Liaisons first so that their phones are taken before the firms'.
  const liaisons: DemoPark['liaisons'] = [];
  const liaisonNames = new Set<string>();
  const LIAISON_COUNT = 20;
  for (let i = 1; i <= LIAISON_COUNT; i++) {
    let displayName = personName();
    while (liaisonNames.has(displayName)) displayName = personName();
    liaisonNames.add(displayName);
    liaisons.push({
      username: i === 1 ? DEMO_LIAISON_USERNAME : `liaison${String(i).padStart(2, '0')}`,
      displayName,
      phone: mobile(),
    });
  }

  const drafts: Draft[] = [];
  for (const plan of CHAIN_PLANS) {
    const bigCount = plan.aboveScale[0] + (plan.aboveScale[1] ? rng.int(-plan.aboveScale[1], plan.aboveScale[1]) : 0);
    const smallCount = plan.small[0] + rng.int(-plan.small[1], plan.small[1]);
    for (let i = 0; i < bigCount + smallCount; i++) drafts.push(draftEnterprise(plan, i < bigCount));
  }

  function draftEnterprise(plan: ChainPlan, big: boolean): Draft {
    const industry = rng.weighted(plan.industries.map((d) => ({ value: d, weight: d.weight })));
    const manufacturing = industry.code.startsWith('C');

    const [fromYear, toYear, lean] = big ? plan.bigFounded : plan.smallFounded;
    const foundedOn = randomDate(rng, fromYear, toYear, lean);
    const foundedYear = Number(foundedOn.slice(0, 4));

    let revenueYuan: number;
    if (big) {
      revenueYuan = rng.logRange(20_000_000, plan.maxRevenueYuan, 2.2);
    } else if (foundedYear >= 2025) {
      revenueYuan = rng.logRange(50_000, 3_000_000, 1.2);
    } else {
      revenueYuan = rng.logRange(300_000, 19_900_000, 0.9);
    }
    // Reported to the nearest 1,000 元; the 规上 line is exact.
    let annualRevenueFen = Math.round(revenueYuan / 1000) * 1000 * FEN_PER_YUAN;
    if (big) annualRevenueFen = Math.max(annualRevenueFen, ABOVE_SCALE_REVENUE_FEN);
    else annualRevenueFen = Math.min(annualRevenueFen, ABOVE_SCALE_REVENUE_FEN - 100_000);

    const perHead = plan.perHeadYuan[0] + rng.float() * (plan.perHeadYuan[1] - plan.perHeadYuan[0]);
    const rawHead = Math.round(annualRevenueFen / FEN_PER_YUAN / perHead);
    // Small firms turn over less per head than the big ones.
    const headcount = big
      ? clamp(rawHead, manufacturing ? 40 : 20, 6000)
      : clamp(Math.round(rawHead * (1.6 + rng.float())), manufacturing ? 6 : 3, 180);

    const capitalWan = snapCapital((annualRevenueFen / FEN_PER_WAN) * (0.08 + rng.float() * 0.4));

    const site = pickSite(plan, industry.code, big);
    const hasPlot =
      manufacturing && site !== 'standard' && foundedYear <= 2025 && (big ? rng.chance(0.92) : rng.chance(0.45));
    const address = makeAddress(site, hasPlot, big);
    const plot = hasPlot ? makePlot(foundedYear) : null;

    const legalRepresentative = personName();
    const contactName = rng.chance(0.25) ? legalRepresentative : personName();

    const tags = chooseTags(plan, industry.code, manufacturing, big, annualRevenueFen, headcount, foundedYear);

    return {
      uscc: makeUscc(foundedYear),
      name: '',
      legalRepresentative,
      registeredCapitalFen: capitalWan * FEN_PER_WAN,
      foundedOn,
      industryCode: industry.code,
      chain: plan.code,
      isAboveScale: annualRevenueFen >= ABOVE_SCALE_REVENUE_FEN,
      annualRevenueFen,
      headcount,
      address,
      plot,
      contactName,
      contactPhone: mobile(),
      tags,
      manufacturing,
      foundedYear,
    };
  }

  function chooseTags(
    plan: ChainPlan,
    industryCode: string,
    manufacturing: boolean,
    big: boolean,
    revenueFen: number,
    headcount: number,
    foundedYear: number,
  ): Set<TagCode> {
    const tags = new Set<TagCode>();
    const techChain = plan.code === 'iot' || plan.code === 'electronics' || plan.code === 'copper';
    const techService = /^(M73|M75|I65)/.test(industryCode);
    const mature = foundedYear <= 2023;
    let pHighTech = 0.03;
    if (techChain) pHighTech = big ? 0.55 : 0.18;
    else if (techService) pHighTech = 0.12;
    else if (manufacturing) pHighTech = big ? 0.3 : 0.05;
    if (mature && rng.chance(pHighTech)) tags.add('high_tech');

    const smeSized = headcount <= 500 && revenueFen <= 20_000_000_000;
    if (smeSized && (techChain || techService) && rng.chance(big ? 0.15 : 0.28)) tags.add('tech_sme');

    if (manufacturing && mature && foundedYear <= 2022 && rng.chance(big ? 0.2 : 0.04)) {
      tags.add('specialized');
      if (big && revenueFen >= 10_000_000_000 && rng.chance(0.3)) tags.add('little_giant');
    }
    if (big && tags.has('high_tech') && foundedYear >= 2013 && rng.chance(0.25)) tags.add('gazelle');
    if (big && revenueFen >= 15_000_000_000 && rng.chance(0.15)) tags.add('ipo_reserve');
    if (rng.chance(plan.code === 'electronics' ? 0.08 : manufacturing ? 0.03 : 0.01)) tags.add('foreign_invested');
    return tags;
  }

  function pickSite(plan: ChainPlan, industryCode: string, big: boolean): Site {
    if (industryCode.startsWith('Q')) return 'health';
    if (!industryCode.startsWith('C')) {
      // Software, services: office space, never a land plot.
      return rng.pick(['zhilian', 'incubator', 'finance', 'fiveg'] as const);
    }
    const sites = plan.sites.filter((s) => s !== 'incubator' && s !== 'finance');
    if (big) return rng.pick(sites.filter((s) => s !== 'standard').concat('road'));
    return rng.pick(sites);
  }

  function makeAddress(site: Site, ownLand: boolean, big: boolean): string {
    const base = '鹰潭市高新区';
    if (ownLand && (site === 'standard' || site === 'incubator' || site === 'finance')) site = 'road';
    // A 规上 office firm takes a whole building rather than a floor.
    if (big && !ownLand && site !== 'health') {
      return rng.chance(0.6) ? `${base}智联小镇${rng.int(1, 36)}号楼` : `${base}${rng.pick(ROADS)}${rng.int(1, 199) * 2}号`;
    }
    switch (site) {
      case 'road':
        return `${base}${rng.pick(ROADS)}${rng.int(1, 199) * 2 - rng.int(0, 1)}号`;
      case 'zhilian':
        return ownLand
          ? `${base}智联小镇${rng.pick(['智联大道', '创新大道', '龙岗大道'])}${rng.int(1, 120)}号`
          : `${base}智联小镇${rng.int(1, 36)}号楼${rng.int(1, 12)}层`;
      case 'bailu':
        return `${base}白露科技园${rng.int(1, 40)}栋`;
      case 'standard':
        return `${base}智联小镇标准厂房${rng.int(1, 48)}栋${rng.int(1, 5)}层`;
      case 'incubator':
        return `${base}智联小镇双创中心${rng.int(1, 6)}栋${rng.int(2, 18)}${String(rng.int(1, 30)).padStart(2, '0')}室`;
      case 'finance':
        return `${base}物联网智慧金融产业园${rng.int(1, 12)}栋${rng.int(1, 16)}层`;
      case 'fiveg':
        return `${base}5G+工业互联网产业园${rng.int(1, 20)}号楼${rng.int(1, 8)}层`;
      case 'health':
        return `${base}大健康产业园${rng.int(1, 30)}栋`;
      case 'water':
        return `${base}绿色水工产业园${rng.pick(ROADS)}${rng.int(1, 160)}号`;
    }
  }

  function makePlot(foundedYear: number): string {
    const year = Math.min(2025, Math.max(2003, foundedYear) + rng.int(0, 2));
    const n = (plotSeq.get(year) ?? 0) + 1;
    plotSeq.set(year, n);
    return `GX-${year}-${String(n).padStart(3, '0')}`;
  }

  function makeUscc(foundedYear: number): string {
    for (;;) {
      let area: string;
      if (foundedYear >= 2018) {
        area = rng.weighted([
          { value: '360600', weight: 60 },
          { value: '360602', weight: 25 },
          { value: '360603', weight: 8 },
          { value: '360681', weight: 7 },
        ]);
      } else {
        area = rng.weighted([
          { value: '360600', weight: 60 },
          { value: '360602', weight: 25 },
          { value: '360622', weight: 7 },
          { value: '360681', weight: 8 },
        ]);
      }
      let body: string;
      if (foundedYear >= 2016) {
        // Codes issued since the 2015 reform start with MA; Jiangxi's run MA35…MA39.
        body = `MA3${rng.int(5, 9)}`;
        for (let i = 0; i < 4; i++) body += rng.pick(USCC_CHARSET.split(''));
      } else {
        body = String(rng.int(1, 9));
        for (let i = 0; i < 7; i++) body += String(rng.int(0, 9));
      }
      const first17 = `91${area}${body}${orgCodeCheckChar(body)}`;
      const uscc = first17 + usccCheckChar(first17);
      if (!usedUscc.has(uscc)) {
        usedUscc.add(uscc);
        return uscc;
      }
    }
  }

  // Names: a unique 字号 per firm, the chain's trade word, a region and a legal form.
  for (const d of drafts) {
    const plan = CHAIN_PLANS.find((p) => p.code === d.chain)!;
    const industry = plan.industries.find((i) => i.code === d.industryCode)!;
    const joinStock = d.tags.has('ipo_reserve') || (d.isAboveScale ? rng.chance(0.25) : rng.chance(0.03));
    const form = joinStock ? '股份有限公司' : '有限公司';
    for (let attempt = 0; ; attempt++) {
      if (attempt > 200) throw new Error('demo data: ran out of company names');
      const brand = rng.chance(0.05)
        ? rng.pick(BRAND_LOCAL)
        : (() => {
            const a = rng.pick(BRAND_FIRST);
            let b = rng.pick(BRAND_SECOND);
            while (b === a) b = rng.pick(BRAND_SECOND);
            return a + b;
          })();
      if (usedBrands.has(brand)) continue;
      const word = rng.pick(industry.words);
      const r = rng.float();
      let name: string;
      if (d.industryCode.startsWith('Q') || word.endsWith('事务所') || word.endsWith('研究院')) {
        name = `${r < 0.75 ? '鹰潭' : '江西'}${brand}${word}${form}`;
      } else if (r < 0.52) name = `鹰潭${brand}${word}${form}`;
      else if (r < 0.6) name = `鹰潭市${brand}${word}${form}`;
      else if (r < 0.86) name = `江西${brand}${word}${form}`;
      else if (r < 0.95 || !d.isAboveScale) name = `${brand}${word}（鹰潭）${form}`;
      else name = `${brand}${word}股份有限公司`;
      if (usedNames.has(name)) continue;
      usedBrands.add(brand);
      usedNames.add(name);
      d.name = name;
      break;
    }
  }

  // Liaisons: every 规上 firm, then the tagged / randomly chosen smaller ones, up to 205–225 firms;
  // each officer covers a run of firms of one or two chains (officers are organised by chain).
  const target = 205 + rng.int(0, 20);
  const chainOrder = new Map(CHAIN_PLANS.map((p, i) => [p.code, i]));
  const big = drafts.filter((d) => d.isAboveScale);
  const smallRanked = drafts
    .filter((d) => !d.isAboveScale)
    .map((d) => ({ d, score: d.tags.size * 2 + (d.manufacturing ? 0.5 : 0) + rng.float() * 2 }))
    .sort((a, b) => b.score - a.score)
    .map((x) => x.d);
  const assigned = big.concat(smallRanked.slice(0, Math.max(0, target - big.length)));
  assigned.sort(
    (a, b) =>
      chainOrder.get(a.chain)! - chainOrder.get(b.chain)! ||
      b.annualRevenueFen - a.annualRevenueFen ||
      (a.uscc < b.uscc ? -1 : 1),
  );
  const liaisonOf = new Map<Draft, string>();
  assigned.forEach((d, i) => {
    liaisonOf.set(d, liaisons[Math.floor((i * liaisons.length) / assigned.length)].username);
  });

  // The demo firm: a 规上 IoT firm in the demo liaison's portfolio, the smallest such (a typical
  // mid-size firm rather than the park's flagship).
  const portfolio = assigned.filter((d) => liaisonOf.get(d) === DEMO_LIAISON_USERNAME);
  const candidates = portfolio.filter((d) => d.chain === 'iot' && d.isAboveScale);
  if (candidates.length === 0) throw new Error('demo data: the demo liaison serves no 规上 IoT firm');
  const demo = candidates[candidates.length - 1];
  demo.tags.add('high_tech');

  const tagOrder = TAGS.map((t) => t.code);
  const enterprises: DemoEnterprise[] = drafts
    .map((d) => ({
      uscc: d.uscc,
      name: d.name,
      legalRepresentative: d.legalRepresentative,
      registeredCapitalFen: d.registeredCapitalFen,
      foundedOn: d.foundedOn,
      industryCode: d.industryCode,
      chain: d.chain,
      isAboveScale: d.isAboveScale,
      annualRevenueFen: d.annualRevenueFen,
      headcount: d.headcount,
      address: d.address,
      plot: d.plot,
      contactName: d.contactName,
      contactPhone: d.contactPhone,
      tags: tagOrder.filter((t) => d.tags.has(t)),
      liaisonUsername: liaisonOf.get(d) ?? null,
    }))
    // Registry order: by founding date, as a 企业库 export would list them.
    .sort((a, b) => (a.foundedOn < b.foundedOn ? -1 : a.foundedOn > b.foundedOn ? 1 : a.uscc < b.uscc ? -1 : 1));

  const usedIndustries = new Set(enterprises.map((e) => e.industryCode));
  const industries = CHAIN_PLANS.flatMap((p) => p.industries)
    .filter((i) => usedIndustries.has(i.code))
    .map((i) => ({ code: i.code, label: i.label }))
    .sort((a, b) => (a.code < b.code ? -1 : 1));

  return {
    park: { ...PARK },
    chains: CHAIN_PLANS.map((p) => ({ code: p.code, label: p.label })),
    tags: TAGS.map((t) => ({ code: t.code, label: t.label })),
    industries,
    banks: BANKS.map((b) => ({ ...b })),
    liaisons,
    enterprises,
    demoEnterpriseUscc: demo.uscc,
  };
}

// ---------------------------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------------------------

function clamp(n: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, n));
}

function snapCapital(wan: number): number {
  let best = CAPITAL_LADDER_WAN[0];
  for (const step of CAPITAL_LADDER_WAN) if (Math.abs(step - wan) < Math.abs(best - wan)) best = step;
  return best;
}

/** A date in [fromYear, toYear] (never after 2026-06-30); lean > 1 favours recent years. */
function randomDate(rng: Rng, fromYear: number, toYear: number, lean: number): string {
  const span = toYear - fromYear + 1;
  const year = toYear - Math.min(span - 1, Math.floor(Math.pow(rng.float(), lean) * span));
  const start = Date.UTC(year, 0, 1);
  const end = Math.min(Date.UTC(year, 11, 31), LATEST_FOUNDED);
  const days = Math.floor((end - start) / DAY_MS);
  return new Date(start + rng.int(0, days) * DAY_MS).toISOString().slice(0, 10);
}
