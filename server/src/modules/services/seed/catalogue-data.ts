/**
 * The demo park's implementation list 实施清单: about 150 items of 鹰潭高新区行政审批局 with legal
 * and committed limits, materials (关键 / 容缺 / 承诺 marks in the import cell format), fees, steps
 * and 工程建设项目 stages, plus the synonyms people search with. Invented but realistic: limits
 * follow the published norms (企业开办 1 working day, 不动产登记 3, 供水报装 20 new / 15 expansion).
 * Pure data: seed/catalogue.ts writes it.
 */
import type { ItemType, ProjectStage, ServiceTarget } from '@yuanqi/contract';

export type SeedItem = {
  name: string;
  main?: string;
  sub?: string;
  type: ItemType;
  dept: string;
  target?: ServiceTarget;
  /** 即办件 when true (committed 0). */
  instant?: boolean;
  legal: number;
  committed: number;
  visits: number;
  online?: boolean;
  appointment?: boolean;
  delivery?: boolean;
  /** Materials in the import cell format (see MATERIALS_CELL_HELP). */
  materials: string;
  chengnuo?: boolean;
  fee?: { basis: string; fen: number | null };
  stage?: ProjectStage;
  keywords?: string[];
  joint?: string[];
  basis: string;
  steps?: string[];
  special?: { name: string; maxDays: number }[];
  /** The 不动产登记 window's items (owned by the second approver in the demo). */
  realEstate?: boolean;
};

const MARKET = '审批局市场准入科';
const INVEST = '审批局投资建设科';
const SOCIAL = '审批局社会事务科';
const ESTATE = '不动产登记中心';
const GENERAL = '审批局综合受理科';

const STEPS_STD = ['网上申请或窗口提交', '受理', '审查', '决定', '制证送达'];
const STEPS_INSTANT = ['提交材料', '当场审核', '当场办结'];
const STEPS_SITE = ['申请', '受理', '现场核查', '审查决定', '制证送达'];
const STEPS_ESTATE = ['申请', '受理', '审核(必要时实地查看)', '登簿', '缮证发证'];
const STEPS_UTILITY = ['报装申请', '现场踏勘', '方案答复', '工程施工', '验收通水(电、气)'];

const BASIS_MARKET = '《中华人民共和国公司法》《中华人民共和国市场主体登记管理条例》及其实施细则';
const BASIS_FOOD = '《中华人民共和国食品安全法》《食品经营许可和备案管理办法》';
const BASIS_ESTATE = '《不动产登记暂行条例》《不动产登记暂行条例实施细则》';
const BASIS_BUILD = '《中华人民共和国建筑法》《建筑工程施工许可管理办法》';
const BASIS_PLAN = '《中华人民共和国城乡规划法》';
const BASIS_ENV = '《中华人民共和国环境影响评价法》《建设项目环境保护管理条例》';
const BASIS_PERMIT = '《排污许可管理条例》';
const BASIS_FIRE = '《中华人民共和国消防法》《建设工程消防设计审查验收管理暂行规定》';
const BASIS_WATER = '《城镇供水服务》(GB/T 32063)及鹰潭市优化营商环境供水报装服务规定';

const M_ID = '申请人身份证明(电子件,关键)';
const M_BL = '营业执照(电子件,关键)';
const M_AUTH = '委托书及受托人身份证明(原件,选填)';

export const SEED_ITEMS: SeedItem[] = [
  // 企业开办 / 市场主体登记 -------------------------------------------------------------------
  { name: '企业开办', main: '企业开办一件事', sub: '设立登记、公章刻制、发票申领、社保登记、公积金开户', type: 'public_service', dept: MARKET, legal: 3, committed: 1, visits: 0, delivery: true, appointment: true,
    materials: '企业设立登记申请书(原件,关键);公司章程(原件,关键);法定代表人及股东身份证明(电子件,关键);住所(经营场所)使用证明(承诺);印章刻制信息表(电子件,容缺);银行开户意向表(电子件,选填)',
    chengnuo: true, keywords: ['开公司', '注册公司', '营业执照', '办执照', '新办企业'], joint: ['市场监管局', '公安局', '税务局', '人社局', '公积金中心'], basis: BASIS_MARKET,
    steps: ['“赣服通”或一网通办平台一次填报', '登记审核并发照', '公章刻制(免费)', '发票与税控设备申领', '社保、医保、公积金登记', '银行开户预约'] },
  { name: '有限责任公司设立登记', main: '企业登记', sub: '公司设立登记', type: 'license', dept: MARKET, legal: 3, committed: 1, visits: 0, delivery: true, materials: '公司登记(备案)申请书(原件,关键);公司章程(原件,关键);股东主体资格证明(电子件,关键);法定代表人、董事、监事和经理的任职文件(原件,容缺);住所使用证明(承诺)', chengnuo: true, keywords: ['注册公司', '有限公司'], basis: BASIS_MARKET },
  { name: '股份有限公司设立登记', main: '企业登记', sub: '公司设立登记', type: 'license', dept: MARKET, legal: 3, committed: 2, visits: 1, materials: '公司登记(备案)申请书(原件,关键);公司章程(原件,关键);发起人主体资格证明(电子件,关键);验资证明(原件,容缺);创立大会会议记录(原件,关键);住所使用证明(承诺)', chengnuo: true, basis: BASIS_MARKET },
  { name: '分公司设立登记', main: '企业登记', sub: '分支机构设立登记', type: 'license', dept: MARKET, legal: 3, committed: 1, visits: 0, materials: '分公司登记申请书(原件,关键);隶属公司营业执照(电子件,关键);分公司负责人任职文件(原件,容缺);营业场所使用证明(承诺)', chengnuo: true, basis: BASIS_MARKET },
  { name: '个人独资企业设立登记', main: '企业登记', type: 'license', dept: MARKET, legal: 3, committed: 1, visits: 0, materials: `个人独资企业登记申请书(原件,关键);${M_ID};住所使用证明(承诺)`, chengnuo: true, basis: '《中华人民共和国个人独资企业法》' },
  { name: '合伙企业设立登记', main: '企业登记', type: 'license', dept: MARKET, legal: 3, committed: 1, visits: 0, materials: '合伙企业登记申请书(原件,关键);合伙协议(原件,关键);全体合伙人身份证明(电子件,关键);出资权属证明(复印件,容缺);经营场所使用证明(承诺)', chengnuo: true, basis: '《中华人民共和国合伙企业法》' },
  { name: '个体工商户设立登记', main: '个体工商户登记', type: 'license', dept: MARKET, target: 'person', legal: 3, committed: 1, visits: 0, delivery: true, materials: `个体工商户登记申请书(原件,关键);${M_ID};经营场所使用证明(承诺)`, chengnuo: true, keywords: ['开店', '个体户', '办个体执照'], basis: '《促进个体工商户发展条例》' },
  { name: '农民专业合作社设立登记', main: '企业登记', type: 'license', dept: MARKET, target: 'both', legal: 3, committed: 1, visits: 1, materials: '农民专业合作社登记申请书(原件,关键);合作社章程(原件,关键);成员名册及身份证明(复印件,关键);住所使用证明(承诺)', chengnuo: true, basis: '《中华人民共和国农民专业合作社法》' },
  { name: '外商投资企业设立登记', main: '企业登记', type: 'license', dept: MARKET, legal: 15, committed: 3, visits: 1, materials: '外商投资企业登记申请书(原件,关键);公司章程(原件,关键);投资者主体资格证明(经公证认证)(原件,关键);法律文件送达授权委托书(原件,关键);住所使用证明(承诺)', chengnuo: true, keywords: ['外资公司', '外企注册'], joint: ['商务局'], basis: '《中华人民共和国外商投资法》' },
  { name: '企业名称变更登记', main: '企业登记', sub: '变更登记', type: 'license', dept: MARKET, legal: 3, committed: 1, visits: 0, materials: '变更登记申请书(原件,关键);股东会决议(原件,关键);修改后的公司章程或章程修正案(原件,关键)', keywords: ['改名字', '公司改名'], basis: BASIS_MARKET },
  { name: '企业住所变更登记', main: '企业登记', sub: '变更登记', type: 'license', dept: MARKET, legal: 3, committed: 1, visits: 0, materials: '变更登记申请书(原件,关键);股东会决议(原件,关键);新住所使用证明(承诺)', chengnuo: true, keywords: ['公司搬家', '迁址', '换地址'], basis: BASIS_MARKET },
  { name: '法定代表人变更登记', main: '企业登记', sub: '变更登记', type: 'license', dept: MARKET, legal: 3, committed: 1, visits: 0, materials: '变更登记申请书(原件,关键);股东会决议(原件,关键);新任法定代表人身份证明(电子件,关键);任免职文件(原件,容缺)', keywords: ['换法人', '法人变更'], basis: BASIS_MARKET },
  { name: '注册资本变更登记', main: '企业登记', sub: '变更登记', type: 'license', dept: MARKET, legal: 3, committed: 1, visits: 0, materials: '变更登记申请书(原件,关键);股东会决议(原件,关键);章程修正案(原件,关键);减资公告证明(复印件,选填)', keywords: ['增资', '减资'], basis: BASIS_MARKET },
  { name: '经营范围变更登记', main: '企业登记', sub: '变更登记', type: 'license', dept: MARKET, legal: 3, committed: 1, visits: 0, materials: '变更登记申请书(原件,关键);股东会决议(原件,关键);章程修正案(原件,容缺)', keywords: ['增加经营范围'], basis: BASIS_MARKET },
  { name: '股东(投资人)变更登记', main: '企业登记', sub: '变更登记', type: 'license', dept: MARKET, legal: 3, committed: 1, visits: 1, materials: '变更登记申请书(原件,关键);股权转让协议(原件,关键);股东会决议(原件,关键);新股东主体资格证明(电子件,关键)', keywords: ['股权转让'], basis: BASIS_MARKET },
  { name: '企业注销登记', main: '企业登记', sub: '注销登记', type: 'license', dept: MARKET, legal: 10, committed: 3, visits: 0, materials: '注销登记申请书(原件,关键);清算报告(原件,关键);股东会决议(原件,关键);清税证明(电子件,关键)', keywords: ['关公司', '公司注销', '不干了'], joint: ['税务局', '人社局'], basis: BASIS_MARKET },
  { name: '企业简易注销登记', main: '企业登记', sub: '注销登记', type: 'license', dept: MARKET, legal: 3, committed: 1, visits: 0, materials: '简易注销登记申请书(原件,关键);全体投资人承诺书(原件,关键)', keywords: ['简易注销'], special: [{ name: '简易注销公示', maxDays: 20 }], basis: BASIS_MARKET },
  { name: '个体工商户变更登记', main: '个体工商户登记', type: 'license', dept: MARKET, target: 'person', legal: 3, committed: 1, visits: 0, materials: `个体工商户变更登记申请书(原件,关键);${M_ID}`, basis: '《促进个体工商户发展条例》' },
  { name: '个体工商户注销登记', main: '个体工商户登记', type: 'license', dept: MARKET, target: 'person', legal: 3, committed: 1, visits: 0, materials: `个体工商户注销登记申请书(原件,关键);${M_ID}`, basis: '《促进个体工商户发展条例》' },
  { name: '营业执照遗失补领、换发', main: '企业登记', type: 'public_service', dept: MARKET, legal: 3, committed: 1, visits: 1, materials: '营业执照补领(换发)申请书(原件,关键);遗失声明(复印件,容缺)', keywords: ['执照丢了'], basis: BASIS_MARKET },
  { name: '移出经营异常名录', main: '企业信用', type: 'confirmation', dept: MARKET, legal: 10, committed: 3, visits: 0, materials: '移出经营异常名录申请书(原件,关键);补报年度报告或更正信息的说明(电子件,关键)', keywords: ['经营异常', '信用修复', '年报'], basis: '《企业经营异常名录管理暂行办法》' },
  { name: '印章刻制备案', main: '企业开办', type: 'filing', dept: MARKET, instant: true, legal: 1, committed: 0, visits: 0, materials: `${M_BL};法定代表人身份证明(电子件,关键)`, keywords: ['刻章', '公章'], joint: ['公安局'], basis: '《印铸刻字业暂行管理规则》', steps: STEPS_INSTANT },
  { name: '增值税发票首次申领', main: '企业开办', type: 'public_service', dept: GENERAL, instant: true, legal: 1, committed: 0, visits: 0, materials: `${M_BL};办税人员身份证明(电子件,关键)`, keywords: ['领发票', '税控盘'], joint: ['税务局'], basis: '《中华人民共和国发票管理办法》', steps: STEPS_INSTANT },

  // 食品、药品、医疗器械 ------------------------------------------------------------------------
  { name: '食品经营许可(新办)', main: '食品经营许可', sub: '新办', type: 'license', dept: MARKET, legal: 10, committed: 3, visits: 1, materials: '食品经营许可申请书(原件,关键);经营场所平面布局图(复印件,关键);食品安全管理制度(复印件,容缺);食品安全管理人员身份证明(复印件,容缺)', chengnuo: true, keywords: ['开饭店', '开超市', '卖吃的', '食品许可证'], basis: BASIS_FOOD, steps: STEPS_SITE },
  { name: '食品经营许可(变更)', main: '食品经营许可', sub: '变更', type: 'license', dept: MARKET, legal: 10, committed: 2, visits: 0, materials: '食品经营许可变更申请书(原件,关键);食品经营许可证正副本(原件,关键);变更事项证明(复印件,容缺)', basis: BASIS_FOOD },
  { name: '食品经营许可(延续)', main: '食品经营许可', sub: '延续', type: 'license', dept: MARKET, legal: 10, committed: 2, visits: 0, materials: '食品经营许可延续申请书(原件,关键);食品经营许可证正副本(原件,关键)', chengnuo: true, basis: BASIS_FOOD },
  { name: '食品经营许可(注销)', main: '食品经营许可', sub: '注销', type: 'license', dept: MARKET, instant: true, legal: 10, committed: 0, visits: 0, materials: '食品经营许可注销申请书(原件,关键);食品经营许可证正副本(原件,容缺)', basis: BASIS_FOOD, steps: STEPS_INSTANT },
  { name: '食品生产许可(新办)', main: '食品生产许可', sub: '新办', type: 'license', dept: MARKET, legal: 20, committed: 10, visits: 1, materials: '食品生产许可申请书(原件,关键);食品生产设备布局图和工艺流程图(复印件,关键);食品生产主要设备设施清单(复印件,容缺);食品安全管理制度文本(复印件,容缺)', keywords: ['食品厂', 'SC证'], special: [{ name: '现场核查', maxDays: 10 }], basis: '《食品生产许可管理办法》', steps: STEPS_SITE },
  { name: '食品生产许可(变更)', main: '食品生产许可', sub: '变更', type: 'license', dept: MARKET, legal: 20, committed: 7, visits: 1, materials: '食品生产许可变更申请书(原件,关键);与变更事项有关的材料(复印件,关键)', special: [{ name: '现场核查', maxDays: 10 }], basis: '《食品生产许可管理办法》' },
  { name: '食品生产许可(延续)', main: '食品生产许可', sub: '延续', type: 'license', dept: MARKET, legal: 20, committed: 7, visits: 0, materials: '食品生产许可延续申请书(原件,关键);食品安全自查报告(原件,容缺)', chengnuo: true, basis: '《食品生产许可管理办法》' },
  { name: '小作坊登记', main: '食品生产加工小作坊', type: 'filing', dept: MARKET, target: 'both', legal: 10, committed: 3, visits: 1, materials: `小作坊登记申请表(原件,关键);${M_ID};从业人员健康证明(复印件,容缺)`, basis: '《江西省食品小作坊小餐饮小食杂店管理条例》' },
  { name: '药品零售企业许可', main: '药品经营许可', type: 'license', dept: MARKET, legal: 30, committed: 10, visits: 1, materials: '药品经营许可证申请表(原件,关键);执业药师注册证(复印件,关键);经营场所和仓库平面图(复印件,容缺);质量管理文件目录(复印件,容缺)', keywords: ['开药店', '药店'], special: [{ name: '现场检查验收', maxDays: 15 }], basis: '《药品经营和使用质量监督管理办法》', steps: STEPS_SITE },
  { name: '第二类医疗器械经营备案', main: '医疗器械经营', type: 'filing', dept: MARKET, instant: true, legal: 5, committed: 0, visits: 0, materials: '第二类医疗器械经营备案表(原件,关键);经营场所和库房地址证明(承诺);质量管理制度目录(复印件,选填)', chengnuo: true, basis: '《医疗器械经营监督管理办法》', steps: STEPS_INSTANT },
  { name: '第三类医疗器械经营许可', main: '医疗器械经营', type: 'license', dept: MARKET, legal: 20, committed: 10, visits: 1, materials: '医疗器械经营许可申请表(原件,关键);质量负责人资格证明(复印件,关键);经营场所和库房平面图(复印件,容缺)', special: [{ name: '现场核查', maxDays: 10 }], basis: '《医疗器械经营监督管理办法》' },
  { name: '公共场所卫生许可', main: '公共场所卫生许可', type: 'license', dept: SOCIAL, legal: 20, committed: 3, visits: 0, materials: '公共场所卫生许可申请表(原件,关键);卫生管理制度(复印件,容缺);公共场所卫生检测报告(复印件,承诺)', chengnuo: true, keywords: ['宾馆', '理发店', '游泳馆', '健身房'], basis: '《公共场所卫生管理条例》' },
  { name: '生活饮用水供水单位卫生许可', type: 'license', dept: SOCIAL, legal: 20, committed: 10, visits: 1, materials: '卫生许可申请书(原件,关键);水质检验报告(原件,关键);供水设施平面图(复印件,容缺)', basis: '《生活饮用水卫生监督管理办法》' },

  // 交通、人社、文化、商务等许可 -------------------------------------------------------------
  { name: '道路货物运输经营许可', main: '道路运输经营许可', type: 'license', dept: SOCIAL, legal: 20, committed: 5, visits: 0, materials: '道路货物运输经营申请表(原件,关键);车辆行驶证(复印件,关键);驾驶人员从业资格证(复印件,容缺);安全生产管理制度(复印件,承诺)', chengnuo: true, keywords: ['物流公司', '货运', '道路运输证'], basis: '《中华人民共和国道路运输条例》' },
  { name: '道路运输车辆年度审验', main: '道路运输经营许可', type: 'confirmation', dept: SOCIAL, instant: true, legal: 5, committed: 0, visits: 0, materials: '道路运输证(原件,关键);车辆综合性能检测报告(电子件,关键)', keywords: ['车辆年审'], basis: '《道路运输车辆技术管理规定》', steps: STEPS_INSTANT },
  { name: '人力资源服务许可', type: 'license', dept: SOCIAL, legal: 20, committed: 5, visits: 0, materials: '人力资源服务许可申请书(原件,关键);专职工作人员身份证明和学历证明(复印件,容缺);服务场所使用证明(承诺)', chengnuo: true, keywords: ['职业中介', '猎头'], basis: '《人力资源市场暂行条例》' },
  { name: '劳务派遣经营许可', type: 'license', dept: SOCIAL, legal: 20, committed: 5, visits: 0, materials: '劳务派遣经营许可申请书(原件,关键);注册资本实缴证明(复印件,关键);劳务派遣管理制度(复印件,容缺);经营场所使用证明(承诺)', chengnuo: true, keywords: ['劳务公司', '派遣'], basis: '《劳务派遣行政许可实施办法》' },
  { name: '特殊工时工作制审批', main: '劳动用工', type: 'license', dept: SOCIAL, legal: 20, committed: 5, visits: 0, materials: '实行特殊工时工作制申请表(原件,关键);职工代表大会或工会意见(原件,关键);实施方案(原件,容缺)', keywords: ['综合工时', '不定时工作制', '加班'], basis: '《国务院关于职工工作时间的规定》' },
  { name: '就业登记', main: '就业创业', type: 'public_service', dept: SOCIAL, instant: true, legal: 1, committed: 0, visits: 0, target: 'both', materials: '就业登记表(电子件,关键);劳动合同(复印件,容缺)', keywords: ['招人', '用工备案', '新员工'], basis: '《就业服务与就业管理规定》', steps: STEPS_INSTANT },
  { name: '失业保险稳岗返还', main: '就业创业', type: 'payment', dept: SOCIAL, legal: 20, committed: 10, visits: 0, materials: '稳岗返还申请表(电子件,关键);银行账户信息(电子件,关键)', keywords: ['稳岗补贴', '返还'], special: [{ name: '公示', maxDays: 5 }], basis: '《失业保险条例》' },
  { name: '企业职工社会保险参保登记', main: '社会保险', type: 'public_service', dept: SOCIAL, instant: true, legal: 1, committed: 0, visits: 0, materials: `${M_BL};参保人员名单(电子件,关键)`, keywords: ['交社保', '五险', '社保开户'], joint: ['医保局'], basis: '《中华人民共和国社会保险法》', steps: STEPS_INSTANT },
  { name: '住房公积金单位缴存登记', main: '住房公积金', type: 'public_service', dept: SOCIAL, instant: true, legal: 1, committed: 0, visits: 0, materials: `${M_BL};单位缴存登记表(电子件,关键)`, keywords: ['公积金开户'], joint: ['公积金中心'], basis: '《住房公积金管理条例》', steps: STEPS_INSTANT },
  { name: '外国人来华工作许可', main: '外国人工作许可', type: 'license', dept: SOCIAL, target: 'both', legal: 10, committed: 5, visits: 0, materials: '外国人来华工作许可申请表(电子件,关键);工作资历证明(原件,关键);最高学位证书(原件,关键);无犯罪记录证明(原件,关键);体检证明(原件,容缺);聘用合同(复印件,容缺)', keywords: ['外籍员工', '老外工作证'], basis: '《外国人在中国就业管理规定》' },
  { name: '出版物零售业务经营许可', type: 'license', dept: SOCIAL, legal: 20, committed: 5, visits: 0, materials: '出版物零售申请书(原件,关键);经营场所使用证明(承诺)', chengnuo: true, keywords: ['书店'], basis: '《出版物市场管理规定》' },
  { name: '印刷经营许可', type: 'license', dept: SOCIAL, legal: 20, committed: 10, visits: 1, materials: '印刷经营许可申请书(原件,关键);生产设备清单(复印件,容缺);经营场所使用证明(承诺)', chengnuo: true, keywords: ['印刷厂', '包装印刷'], basis: '《印刷业管理条例》' },
  { name: '娱乐场所经营许可', type: 'license', dept: SOCIAL, legal: 20, committed: 10, visits: 1, materials: '娱乐场所经营许可申请书(原件,关键);消防安全检查合格证明(复印件,关键);场所平面图(复印件,容缺)', keywords: ['KTV', '歌厅'], special: [{ name: '听证', maxDays: 10 }], basis: '《娱乐场所管理条例》', steps: STEPS_SITE },
  { name: '对外贸易经营者备案', main: '外贸', type: 'filing', dept: GENERAL, instant: true, legal: 5, committed: 0, visits: 0, materials: '对外贸易经营者备案登记表(电子件,关键)', keywords: ['进出口权', '外贸备案'], basis: '《对外贸易经营者备案登记办法》', steps: STEPS_INSTANT },
  { name: '报关单位备案', main: '外贸', type: 'filing', dept: GENERAL, instant: true, legal: 5, committed: 0, visits: 0, materials: '报关单位备案信息表(电子件,关键)', keywords: ['海关备案', '报关'], joint: ['鹰潭海关'], basis: '《中华人民共和国海关报关单位备案管理规定》', steps: STEPS_INSTANT },
  { name: '原产地证书签发', main: '外贸', type: 'public_service', dept: GENERAL, legal: 3, committed: 1, visits: 0, materials: '原产地证书申请书(电子件,关键);商业发票(电子件,关键)', keywords: ['产地证'], basis: '《中华人民共和国进出口货物原产地条例》' },
  { name: '再生资源回收经营者备案', type: 'filing', dept: GENERAL, instant: true, legal: 5, committed: 0, visits: 0, materials: '再生资源回收经营者备案登记表(原件,关键)', keywords: ['废品回收', '废铜回收'], basis: '《再生资源回收管理办法》', steps: STEPS_INSTANT },
  { name: '危险化学品经营许可', type: 'license', dept: SOCIAL, legal: 30, committed: 15, visits: 1, materials: '危险化学品经营许可证申请表(原件,关键);安全评价报告(原件,关键);主要负责人安全资格证书(复印件,关键);安全生产管理制度(复印件,容缺)', keywords: ['危化品'], special: [{ name: '现场核查', maxDays: 10 }], basis: '《危险化学品安全管理条例》', steps: STEPS_SITE },
  { name: '特种设备使用登记', type: 'license', dept: SOCIAL, legal: 15, committed: 3, visits: 0, materials: '特种设备使用登记表(原件,关键);产品合格证(复印件,关键);监督检验证明(复印件,容缺)', keywords: ['电梯登记', '锅炉', '叉车'], basis: '《中华人民共和国特种设备安全法》' },
  { name: '气瓶充装许可', type: 'license', dept: SOCIAL, legal: 30, committed: 15, visits: 1, materials: '气瓶充装许可申请书(原件,关键);充装工艺及设备清单(复印件,关键);人员资格证书(复印件,容缺)', special: [{ name: '鉴定评审', maxDays: 30 }], basis: '《中华人民共和国特种设备安全法》' },

  // 生态环境 ------------------------------------------------------------------------------------
  { name: '排污许可(重点管理)', main: '排污许可', sub: '重点管理', type: 'license', dept: INVEST, legal: 20, committed: 10, visits: 0, materials: '排污许可证申请表(电子件,关键);自行监测方案(电子件,关键);守法承诺书(原件,关键);排污口和监测孔规范化设置情况说明(电子件,容缺)', keywords: ['排污证', '排放许可'], basis: BASIS_PERMIT, special: [{ name: '现场核查', maxDays: 10 }] },
  { name: '排污许可(简化管理)', main: '排污许可', sub: '简化管理', type: 'license', dept: INVEST, legal: 20, committed: 5, visits: 0, materials: '排污许可证申请表(电子件,关键);守法承诺书(原件,关键);自行监测方案(电子件,容缺)', keywords: ['排污证'], basis: BASIS_PERMIT },
  { name: '排污登记', main: '排污许可', sub: '登记管理', type: 'filing', dept: INVEST, instant: true, legal: 1, committed: 0, visits: 0, materials: '固定污染源排污登记表(电子件,关键)', basis: BASIS_PERMIT, steps: STEPS_INSTANT },
  { name: '建设项目环境影响报告书审批', main: '环评审批', type: 'license', dept: INVEST, legal: 60, committed: 20, visits: 0, stage: 'engineering', materials: '环境影响报告书(电子件,关键);建设项目环评审批申请表(原件,关键);公众参与说明(电子件,关键);项目备案或核准文件(电子件,容缺)', keywords: ['环评', '环境影响评价'], special: [{ name: '技术评估', maxDays: 30 }, { name: '公示', maxDays: 10 }], basis: BASIS_ENV },
  { name: '建设项目环境影响报告表审批', main: '环评审批', type: 'license', dept: INVEST, legal: 30, committed: 10, visits: 0, stage: 'engineering', materials: '环境影响报告表(电子件,关键);建设项目环评审批申请表(原件,关键);项目备案或核准文件(电子件,容缺)', chengnuo: true, keywords: ['环评', '环评报告表'], special: [{ name: '技术评估', maxDays: 20 }], basis: BASIS_ENV },
  { name: '建设项目环境影响登记表备案', main: '环评审批', type: 'filing', dept: INVEST, instant: true, legal: 1, committed: 0, visits: 0, stage: 'engineering', materials: '环境影响登记表(电子件,关键)', keywords: ['环评备案'], basis: BASIS_ENV, steps: STEPS_INSTANT },
  { name: '取水许可', type: 'license', dept: INVEST, legal: 45, committed: 15, visits: 0, materials: '取水许可申请书(原件,关键);建设项目水资源论证报告(电子件,关键);与第三者利害关系的说明(原件,容缺)', keywords: ['打井', '取水证'], special: [{ name: '专家评审', maxDays: 20 }], basis: '《取水许可和水资源费征收管理条例》' },
  { name: '城镇污水排入排水管网许可', main: '排水许可', type: 'license', dept: INVEST, legal: 20, committed: 5, visits: 0, materials: '排水许可申请表(原件,关键);排水户内部排水管网平面图(复印件,关键);排水水质检测报告(复印件,承诺)', chengnuo: true, keywords: ['排水证', '污水接管'], basis: '《城镇排水与污水处理条例》' },
  { name: '建设项目水土保持方案审批', type: 'license', dept: INVEST, legal: 20, committed: 10, visits: 0, stage: 'planning', materials: '水土保持方案审批申请(原件,关键);水土保持方案报告书(电子件,关键)', chengnuo: true, keywords: ['水保方案'], special: [{ name: '技术评审', maxDays: 15 }], basis: '《中华人民共和国水土保持法》' },
  { name: '洪水影响评价审批', type: 'license', dept: INVEST, legal: 20, committed: 10, visits: 0, stage: 'planning', materials: '洪水影响评价申请书(原件,关键);洪水影响评价报告(电子件,关键)', basis: '《中华人民共和国防洪法》' },

  // 工程建设项目 · 立项用地规划许可 ------------------------------------------------------------
  { name: '企业投资项目备案', main: '固定资产投资项目', type: 'filing', dept: INVEST, instant: true, legal: 3, committed: 0, visits: 0, stage: 'planning', materials: '项目备案信息表(电子件,关键);企业承诺书(电子件,关键)', keywords: ['项目立项', '立项备案', '投资备案'], basis: '《企业投资项目核准和备案管理条例》', steps: ['在线填报项目信息', '系统自动校验', '即时备案'] },
  { name: '企业投资项目核准', main: '固定资产投资项目', type: 'license', dept: INVEST, legal: 20, committed: 10, visits: 0, stage: 'planning', materials: '项目申请报告(电子件,关键);用地预审与选址意见书(复印件,关键);环评文件(复印件,容缺)', keywords: ['项目立项', '项目核准'], special: [{ name: '评估论证', maxDays: 30 }], basis: '《企业投资项目核准和备案管理条例》' },
  { name: '建设项目用地预审与选址意见书核发', main: '规划许可', type: 'license', dept: INVEST, legal: 20, committed: 7, visits: 0, stage: 'planning', materials: '用地预审与选址申请表(原件,关键);建设项目拟选址位置图(电子件,关键);项目建议书或立项文件(复印件,容缺)', keywords: ['选址意见书', '用地预审'], basis: BASIS_PLAN },
  { name: '建设用地规划许可证核发', main: '规划许可', type: 'license', dept: INVEST, legal: 20, committed: 5, visits: 0, stage: 'planning', materials: '建设用地规划许可申请表(原件,关键);国有土地使用权出让合同(复印件,关键);宗地图(电子件,容缺)', chengnuo: true, keywords: ['用地规划许可证', '用地许可'], basis: BASIS_PLAN },
  { name: '固定资产投资项目节能审查', type: 'license', dept: INVEST, legal: 20, committed: 10, visits: 0, stage: 'planning', materials: '节能审查申请(原件,关键);节能报告(电子件,关键)', keywords: ['能评', '节能评估'], special: [{ name: '专家评审', maxDays: 15 }], basis: '《固定资产投资项目节能审查办法》' },
  { name: '国有建设用地使用权划拨审核', main: '用地审批', type: 'license', dept: INVEST, legal: 20, committed: 10, visits: 1, stage: 'planning', materials: '划拨用地申请(原件,关键);项目批准文件(复印件,关键);勘测定界图(电子件,容缺)', basis: '《中华人民共和国土地管理法》' },

  // 工程建设项目 · 工程建设许可 ----------------------------------------------------------------
  { name: '建设工程规划许可证核发', main: '规划许可', type: 'license', dept: INVEST, legal: 20, committed: 5, visits: 0, stage: 'engineering', materials: '建设工程规划许可申请表(原件,关键);建设工程设计方案总平面图(电子件,关键);不动产权证书(电子件,关键);建筑设计方案(电子件,容缺)', chengnuo: true, keywords: ['工程规划许可证', '规划证'], special: [{ name: '批前公示', maxDays: 7 }], basis: BASIS_PLAN },
  { name: '建设工程设计方案审查', main: '规划许可', type: 'license', dept: INVEST, legal: 20, committed: 7, visits: 0, stage: 'engineering', materials: '设计方案审查申请表(原件,关键);建筑设计方案文本(电子件,关键)', keywords: ['方案审查', '规划方案'], special: [{ name: '专家评审', maxDays: 10 }], basis: BASIS_PLAN },
  { name: '建设工程消防设计审查', main: '消防设计审查验收', type: 'license', dept: INVEST, legal: 15, committed: 5, visits: 0, stage: 'engineering', materials: '消防设计审查申请表(原件,关键);消防设计文件(电子件,关键);施工图审查合格意见(电子件,容缺)', keywords: ['消防审图', '消防设计'], basis: BASIS_FIRE },
  { name: '人防工程防护设计审查', main: '人民防空', type: 'license', dept: INVEST, legal: 20, committed: 5, visits: 0, stage: 'engineering', materials: '人防工程设计审查申请(原件,关键);人防施工图设计文件(电子件,关键)', chengnuo: true, keywords: ['人防'], basis: '《中华人民共和国人民防空法》' },
  { name: '施工图设计文件审查备案', main: '施工图审查', type: 'filing', dept: INVEST, legal: 10, committed: 3, visits: 0, stage: 'engineering', materials: '施工图审查合格书(电子件,关键);施工图设计文件(电子件,关键)', keywords: ['施工图审查', '审图'], basis: '《房屋建筑和市政基础设施工程施工图设计文件审查管理办法》' },
  { name: '城市道路占用、挖掘许可', type: 'license', dept: INVEST, legal: 20, committed: 5, visits: 0, stage: 'engineering', materials: '占用挖掘道路申请表(原件,关键);施工方案及平面图(电子件,关键);交通组织方案(电子件,容缺)', keywords: ['挖路', '占道'], joint: ['交警大队'], basis: '《城市道路管理条例》' },
  { name: '临时占用城市绿地审批', type: 'license', dept: INVEST, legal: 20, committed: 5, visits: 1, materials: '临时占用绿地申请(原件,关键);占用位置图(电子件,关键);绿地恢复方案(原件,容缺)', keywords: ['占绿地'], basis: '《城市绿化条例》' },
  { name: '城市树木砍伐、迁移审批', type: 'license', dept: INVEST, legal: 20, committed: 5, visits: 1, materials: '砍伐迁移树木申请(原件,关键);树木位置图(电子件,关键)', keywords: ['砍树', '移树'], basis: '《城市绿化条例》' },
  { name: '户外广告设施设置审批', type: 'license', dept: INVEST, legal: 20, committed: 5, visits: 0, materials: '户外广告设置申请表(原件,关键);设计效果图(电子件,关键);安全结构计算书(电子件,容缺)', chengnuo: true, keywords: ['招牌', '广告牌', '店招'], basis: '《城市市容和环境卫生管理条例》' },

  // 工程建设项目 · 施工许可 ----------------------------------------------------------------------
  { name: '建筑工程施工许可证核发', main: '施工许可', type: 'license', dept: INVEST, legal: 7, committed: 2, visits: 0, stage: 'construction', materials: '建筑工程施工许可申请表(原件,关键);建设工程规划许可证(电子件,关键);施工合同(电子件,关键);施工图审查合格书(电子件,容缺);建设资金已落实承诺书(原件,承诺)', chengnuo: true, keywords: ['施工证', '开工证', '盖厂房'], basis: BASIS_BUILD },
  { name: '建设工程质量安全监督登记', main: '施工许可', type: 'public_service', dept: INVEST, instant: true, legal: 3, committed: 0, visits: 0, stage: 'construction', materials: '质量安全监督登记表(电子件,关键);施工组织设计(电子件,容缺)', keywords: ['质监登记', '安监登记'], basis: '《建设工程质量管理条例》', steps: STEPS_INSTANT },
  { name: '夜间施工许可', main: '施工许可', type: 'license', dept: INVEST, legal: 5, committed: 1, visits: 0, stage: 'construction', materials: '夜间施工申请表(电子件,关键);降噪措施方案(电子件,容缺)', keywords: ['晚上施工', '夜间作业'], basis: '《中华人民共和国噪声污染防治法》' },
  { name: '城市建筑垃圾处置核准', type: 'license', dept: INVEST, legal: 20, committed: 3, visits: 0, stage: 'construction', materials: '建筑垃圾处置核准申请表(原件,关键);运输合同(复印件,关键);消纳场地证明(复印件,承诺)', chengnuo: true, keywords: ['渣土', '建筑垃圾'], basis: '《城市建筑垃圾管理规定》' },
  { name: '商品房预售许可', type: 'license', dept: INVEST, legal: 10, committed: 5, visits: 1, stage: 'construction', materials: '商品房预售许可申请(原件,关键);工程施工合同(复印件,关键);预售资金监管协议(原件,关键);商品房预售方案(原件,容缺)', keywords: ['预售证'], basis: '《城市商品房预售管理办法》' },
  { name: '供水报装(新装)', main: '市政公用服务报装', sub: '供水', type: 'public_service', dept: GENERAL, legal: 30, committed: 20, visits: 0, stage: 'construction', appointment: true, materials: '用水报装申请表(电子件,关键);用水地址产权证明或使用证明(承诺);总平面图及给水设计图(电子件,容缺)', chengnuo: true, keywords: ['接水', '装水表', '自来水开户', '通水'], joint: ['鹰潭市供水公司'], basis: BASIS_WATER, steps: STEPS_UTILITY },
  { name: '供水报装(扩容)', main: '市政公用服务报装', sub: '供水', type: 'public_service', dept: GENERAL, legal: 30, committed: 15, visits: 0, stage: 'construction', appointment: true, materials: '用水增容申请表(电子件,关键);原用水户号及近期水费单(电子件,容缺)', keywords: ['增容', '换大水表'], joint: ['鹰潭市供水公司'], basis: BASIS_WATER, steps: STEPS_UTILITY },
  { name: '排水接入报装', main: '市政公用服务报装', sub: '排水', type: 'public_service', dept: GENERAL, legal: 20, committed: 10, visits: 0, stage: 'construction', materials: '排水接入申请表(电子件,关键);排水管网设计图(电子件,容缺)', keywords: ['接污水管', '雨污接驳'], basis: '《城镇排水与污水处理条例》', steps: STEPS_UTILITY },
  { name: '低压供电报装', main: '市政公用服务报装', sub: '供电', type: 'public_service', dept: GENERAL, legal: 15, committed: 5, visits: 0, stage: 'construction', materials: '用电申请表(电子件,关键);用电地址产权证明(承诺)', chengnuo: true, keywords: ['接电', '通电', '电表开户'], joint: ['国网鹰潭供电公司'], basis: '《供电营业规则》', steps: STEPS_UTILITY },
  { name: '高压供电报装', main: '市政公用服务报装', sub: '供电', type: 'public_service', dept: GENERAL, legal: 40, committed: 22, visits: 1, stage: 'construction', materials: '用电申请表(电子件,关键);用电设备清单(电子件,关键);用电地址产权证明(承诺)', chengnuo: true, keywords: ['专变', '变压器报装', '增容'], joint: ['国网鹰潭供电公司'], basis: '《供电营业规则》', steps: STEPS_UTILITY },
  { name: '燃气报装', main: '市政公用服务报装', sub: '燃气', type: 'public_service', dept: GENERAL, legal: 20, committed: 8, visits: 0, stage: 'construction', materials: '燃气报装申请表(电子件,关键);用气设备清单(电子件,容缺)', keywords: ['天然气开户', '通气'], joint: ['鹰潭燃气公司'], basis: '《城镇燃气管理条例》', steps: STEPS_UTILITY },
  { name: '通信网络报装', main: '市政公用服务报装', sub: '通信', type: 'public_service', dept: GENERAL, legal: 10, committed: 5, visits: 0, stage: 'construction', materials: '通信接入申请表(电子件,关键)', keywords: ['宽带', '光纤', '拉网线'], basis: '《中华人民共和国电信条例》', steps: STEPS_UTILITY },

  // 工程建设项目 · 竣工验收 ----------------------------------------------------------------------
  { name: '建设工程消防验收', main: '消防设计审查验收', type: 'license', dept: INVEST, legal: 15, committed: 5, visits: 1, stage: 'acceptance', materials: '消防验收申请表(原件,关键);工程竣工验收报告(原件,关键);消防产品质量合格证明(复印件,容缺);消防设施检测报告(原件,容缺)', keywords: ['消防验收', '消防检查'], special: [{ name: '现场评定', maxDays: 5 }], basis: BASIS_FIRE, steps: STEPS_SITE },
  { name: '建设工程消防验收备案', main: '消防设计审查验收', type: 'filing', dept: INVEST, legal: 5, committed: 1, visits: 0, stage: 'acceptance', materials: '消防验收备案表(电子件,关键);工程竣工验收报告(电子件,关键)', keywords: ['消防备案'], basis: BASIS_FIRE },
  { name: '房屋建筑和市政基础设施工程竣工验收备案', main: '竣工验收', type: 'filing', dept: INVEST, legal: 15, committed: 3, visits: 0, stage: 'acceptance', materials: '竣工验收备案表(原件,关键);工程竣工验收报告(原件,关键);施工单位工程质量保修书(原件,容缺);住宅质量保证书(原件,选填)', keywords: ['竣工备案', '验收备案'], basis: '《房屋建筑和市政基础设施工程竣工验收备案管理办法》' },
  { name: '建设工程规划条件核实', main: '竣工验收', type: 'confirmation', dept: INVEST, legal: 20, committed: 5, visits: 1, stage: 'acceptance', materials: '规划核实申请表(原件,关键);竣工测量成果报告(电子件,关键);建设工程规划许可证(电子件,关键)', keywords: ['规划验收', '规划核实'], basis: BASIS_PLAN },
  { name: '人防工程竣工验收备案', main: '人民防空', type: 'filing', dept: INVEST, legal: 15, committed: 3, visits: 0, stage: 'acceptance', materials: '人防工程竣工验收备案表(原件,关键);人防工程质量监督报告(原件,容缺)', basis: '《中华人民共和国人民防空法》' },
  { name: '城建档案验收', main: '竣工验收', type: 'public_service', dept: INVEST, legal: 10, committed: 3, visits: 0, stage: 'acceptance', materials: '建设工程档案验收申请表(电子件,关键);工程竣工档案(电子件,关键)', keywords: ['档案验收'], basis: '《城市建设档案管理规定》' },
  { name: '建设工程联合验收', main: '竣工验收', type: 'public_service', dept: INVEST, legal: 20, committed: 10, visits: 1, stage: 'acceptance', materials: '联合验收申请表(电子件,关键);工程竣工验收报告(原件,关键);竣工图(电子件,容缺)', keywords: ['联合验收', '多测合一'], joint: ['住建局', '自然资源局', '人防办', '城建档案馆'], basis: '《国务院办公厅关于全面开展工程建设项目审批制度改革的实施意见》(国办发〔2019〕11号)' },

  // 不动产登记 (不动产登记窗口) ------------------------------------------------------------------
  { name: '国有建设用地使用权首次登记', main: '不动产登记', sub: '首次登记', type: 'confirmation', dept: ESTATE, legal: 30, committed: 3, visits: 0, realEstate: true, materials: '不动产登记申请书(原件,关键);土地出让合同及价款缴清凭证(复印件,关键);地籍调查成果(电子件,关键);契税完税凭证(电子件,容缺)', keywords: ['土地证', '拿地后办证'], basis: BASIS_ESTATE, steps: STEPS_ESTATE },
  { name: '房屋所有权首次登记', main: '不动产登记', sub: '首次登记', type: 'confirmation', dept: ESTATE, legal: 30, committed: 3, visits: 0, realEstate: true, materials: '不动产登记申请书(原件,关键);不动产权属证书(电子件,关键);建设工程规划核实证明(电子件,关键);房屋竣工验收资料(复印件,容缺);房屋测绘报告(电子件,关键)', keywords: ['房产证', '厂房办证', '产权证'], basis: BASIS_ESTATE, steps: STEPS_ESTATE },
  { name: '国有建设用地使用权及房屋所有权转移登记', main: '不动产登记', sub: '转移登记', type: 'confirmation', dept: ESTATE, target: 'both', legal: 30, committed: 3, visits: 1, realEstate: true, materials: '不动产登记申请书(原件,关键);不动产权证书(原件,关键);买卖合同(原件,关键);完税凭证(电子件,容缺)', keywords: ['过户', '买厂房', '二手房过户'], joint: ['税务局'], basis: BASIS_ESTATE, steps: STEPS_ESTATE },
  { name: '不动产变更登记', main: '不动产登记', sub: '变更登记', type: 'confirmation', dept: ESTATE, target: 'both', legal: 30, committed: 3, visits: 0, realEstate: true, materials: '不动产登记申请书(原件,关键);不动产权证书(原件,关键);变更证明材料(复印件,容缺)', keywords: ['房产证改名'], basis: BASIS_ESTATE, steps: STEPS_ESTATE },
  { name: '抵押权首次登记', main: '不动产登记', sub: '抵押登记', type: 'confirmation', dept: ESTATE, target: 'both', legal: 30, committed: 1, visits: 0, realEstate: true, materials: '不动产登记申请书(原件,关键);不动产权证书(电子件,关键);主债权合同及抵押合同(原件,关键)', keywords: ['房产抵押', '抵押贷款', '办抵押'], joint: ['合作银行'], basis: BASIS_ESTATE, steps: STEPS_ESTATE },
  { name: '抵押权注销登记', main: '不动产登记', sub: '抵押登记', type: 'confirmation', dept: ESTATE, target: 'both', instant: true, legal: 30, committed: 0, visits: 0, realEstate: true, materials: '不动产登记申请书(电子件,关键);抵押权人同意注销的证明(电子件,关键)', keywords: ['解押', '还完贷款'], basis: BASIS_ESTATE, steps: STEPS_INSTANT },
  { name: '在建建筑物抵押权登记', main: '不动产登记', sub: '抵押登记', type: 'confirmation', dept: ESTATE, legal: 30, committed: 3, visits: 0, realEstate: true, materials: '不动产登记申请书(原件,关键);建设工程规划许可证(电子件,关键);抵押合同(原件,关键);在建建筑物平面图(电子件,容缺)', keywords: ['在建工程抵押'], basis: BASIS_ESTATE, steps: STEPS_ESTATE },
  { name: '预告登记', main: '不动产登记', sub: '预告登记', type: 'confirmation', dept: ESTATE, target: 'both', legal: 30, committed: 3, visits: 0, realEstate: true, materials: '不动产登记申请书(原件,关键);已备案的商品房预售合同(电子件,关键)', keywords: ['期房预告'], basis: BASIS_ESTATE, steps: STEPS_ESTATE },
  { name: '更正登记', main: '不动产登记', sub: '更正登记', type: 'confirmation', dept: ESTATE, target: 'both', legal: 30, committed: 3, visits: 1, realEstate: true, materials: '不动产登记申请书(原件,关键);不动产权证书(原件,关键);证明登记确有错误的材料(复印件,关键)', basis: BASIS_ESTATE, steps: STEPS_ESTATE },
  { name: '异议登记', main: '不动产登记', sub: '异议登记', type: 'confirmation', dept: ESTATE, target: 'both', instant: true, legal: 1, committed: 0, visits: 1, realEstate: true, materials: '不动产登记申请书(原件,关键);证实对登记的不动产权利有利害关系的材料(复印件,关键)', basis: BASIS_ESTATE, steps: STEPS_INSTANT },
  { name: '查封登记', main: '不动产登记', sub: '查封登记', type: 'confirmation', dept: ESTATE, target: 'both', instant: true, legal: 1, committed: 0, visits: 1, realEstate: true, materials: '人民法院查封裁定书及协助执行通知书(原件,关键);执行人员工作证件(复印件,关键)', basis: BASIS_ESTATE, steps: STEPS_INSTANT },
  { name: '不动产注销登记', main: '不动产登记', sub: '注销登记', type: 'confirmation', dept: ESTATE, target: 'both', legal: 30, committed: 3, visits: 0, realEstate: true, materials: '不动产登记申请书(原件,关键);不动产权证书(原件,关键);不动产灭失等证明(复印件,容缺)', basis: BASIS_ESTATE, steps: STEPS_ESTATE },
  { name: '不动产权证书补证、换证', main: '不动产登记', sub: '补换证', type: 'public_service', dept: ESTATE, target: 'both', legal: 30, committed: 3, visits: 1, realEstate: true, materials: '不动产登记申请书(原件,关键);遗失声明或损坏的证书(原件,关键)', keywords: ['房产证丢了', '补办房产证'], special: [{ name: '遗失公告', maxDays: 15 }], basis: BASIS_ESTATE, steps: STEPS_ESTATE },
  { name: '不动产登记资料查询', main: '不动产登记', sub: '查询', type: 'public_service', dept: ESTATE, target: 'both', instant: true, legal: 1, committed: 0, visits: 0, realEstate: true, materials: `不动产登记资料查询申请书(电子件,关键);${M_ID};${M_AUTH}`, keywords: ['查房产', '查档', '产权查询'], basis: '《不动产登记资料查询暂行办法》', steps: STEPS_INSTANT },
  { name: '地役权登记', main: '不动产登记', sub: '地役权登记', type: 'confirmation', dept: ESTATE, legal: 30, committed: 3, visits: 1, realEstate: true, materials: '不动产登记申请书(原件,关键);地役权合同(原件,关键);需役地和供役地的权属证书(复印件,关键)', basis: BASIS_ESTATE, steps: STEPS_ESTATE },
  { name: '工业用地“交地即交证”登记', main: '不动产登记', sub: '首次登记', type: 'confirmation', dept: ESTATE, legal: 30, committed: 1, visits: 0, realEstate: true, materials: '不动产登记申请书(原件,关键);土地出让合同(复印件,关键);土地价款及税费缴清凭证(电子件,容缺)', keywords: ['交地即交证', '拿地即开工'], basis: BASIS_ESTATE, steps: STEPS_ESTATE },

  // 科技、人才、企业服务 -------------------------------------------------------------------------
  { name: '高新技术企业认定申报推荐', main: '科技服务', type: 'public_service', dept: GENERAL, legal: 20, committed: 10, visits: 0, materials: '高新技术企业认定申请书(电子件,关键);知识产权证明(电子件,关键);近三年财务审计报告(电子件,关键);研发费用专项审计报告(电子件,容缺)', keywords: ['高企', '高新认定'], basis: '《高新技术企业认定管理办法》' },
  { name: '科技型中小企业评价入库', main: '科技服务', type: 'public_service', dept: GENERAL, legal: 20, committed: 10, visits: 0, materials: '科技型中小企业信息表(电子件,关键);上年度财务报表(电子件,关键)', keywords: ['科小', '科技型中小企业'], special: [{ name: '公示', maxDays: 10 }], basis: '《科技型中小企业评价办法》' },
  { name: '专精特新中小企业认定申报', main: '企业培育', type: 'public_service', dept: GENERAL, legal: 30, committed: 15, visits: 0, materials: '专精特新申报书(电子件,关键);财务审计报告(电子件,关键);知识产权清单(电子件,容缺)', keywords: ['专精特新', '小巨人'], special: [{ name: '专家评审', maxDays: 20 }], basis: '《优质中小企业梯度培育管理暂行办法》' },
  { name: '企业技术中心认定', main: '企业培育', type: 'confirmation', dept: GENERAL, legal: 30, committed: 20, visits: 1, materials: '企业技术中心申请报告(原件,关键);评价材料(电子件,关键)', special: [{ name: '专家评审', maxDays: 20 }], basis: '《江西省企业技术中心认定管理办法》' },
  { name: '人才公寓入住申请', main: '人才服务', type: 'public_service', dept: SOCIAL, target: 'person', legal: 15, committed: 5, visits: 0, materials: `人才公寓申请表(电子件,关键);${M_ID};学历或职称证明(复印件,关键);劳动合同(复印件,容缺)`, keywords: ['人才房', '租房补贴'], basis: '鹰潭高新区人才公寓管理办法' },
  { name: '高层次人才认定', main: '人才服务', type: 'confirmation', dept: SOCIAL, target: 'person', legal: 20, committed: 10, visits: 0, materials: `高层次人才认定申请表(电子件,关键);${M_ID};学历学位及职称证明(复印件,关键);社保缴纳证明(电子件,容缺)`, keywords: ['人才认定', '人才卡'], special: [{ name: '公示', maxDays: 5 }], basis: '鹰潭市高层次人才分类认定办法' },
  { name: '企业用工招聘发布', main: '就业创业', type: 'public_service', dept: SOCIAL, instant: true, legal: 1, committed: 0, visits: 0, materials: '招聘岗位信息表(电子件,关键)', keywords: ['招工', '招聘'], basis: '《就业服务与就业管理规定》', steps: STEPS_INSTANT },
  { name: '职业技能等级认定机构备案', main: '技能人才', type: 'filing', dept: SOCIAL, legal: 20, committed: 10, visits: 0, materials: '备案申请表(原件,关键);评价场地和设备证明(复印件,容缺);考评人员名单(电子件,关键)', basis: '《职业技能等级认定工作规程》' },
  { name: '企业社会保险费缓缴申请', main: '社会保险', type: 'public_service', dept: SOCIAL, legal: 20, committed: 5, visits: 0, materials: '缓缴申请表(原件,关键);生产经营困难说明(原件,容缺)', keywords: ['社保缓交'], basis: '《中华人民共和国社会保险法》' },
  { name: '残疾人就业保障金减免', main: '社会保险', type: 'payment', dept: SOCIAL, legal: 20, committed: 10, visits: 0, materials: '减免申请表(原件,关键);上年度财务报表(电子件,关键)', keywords: ['残保金'], basis: '《残疾人就业保障金征收使用管理办法》' },

  // 税务与财政 ---------------------------------------------------------------------------------
  { name: '一般纳税人登记', main: '税务登记', type: 'filing', dept: GENERAL, instant: true, legal: 1, committed: 0, visits: 0, materials: '增值税一般纳税人登记表(电子件,关键)', keywords: ['一般纳税人', '升级一般纳税人'], joint: ['税务局'], basis: '《增值税一般纳税人登记管理办法》', steps: STEPS_INSTANT },
  { name: '出口退(免)税备案', main: '税务登记', type: 'filing', dept: GENERAL, instant: true, legal: 1, committed: 0, visits: 0, materials: '出口退(免)税备案表(电子件,关键)', keywords: ['出口退税'], joint: ['税务局'], basis: '《出口货物劳务增值税和消费税管理办法》', steps: STEPS_INSTANT },
  { name: '清税证明开具', main: '税务登记', type: 'public_service', dept: GENERAL, instant: true, legal: 1, committed: 0, visits: 0, materials: '清税申报表(电子件,关键)', keywords: ['清税', '税务注销'], joint: ['税务局'], basis: '《税务登记管理办法》', steps: STEPS_INSTANT },
  { name: '纳税信用修复', main: '企业信用', type: 'confirmation', dept: GENERAL, legal: 15, committed: 5, visits: 0, materials: '纳税信用修复申请表(电子件,关键);已纠正失信行为的证明(电子件,关键)', keywords: ['信用修复', '纳税信用'], joint: ['税务局'], basis: '《纳税信用修复范围及标准》' },

  // 其他政务服务 --------------------------------------------------------------------------------
  { name: '企业开办全程帮办代办', main: '帮办代办', type: 'public_service', dept: GENERAL, legal: 3, committed: 1, visits: 0, materials: `帮办代办申请(电子件,关键);${M_AUTH}`, keywords: ['代办', '帮办', '有人帮忙办'], basis: '鹰潭高新区帮办代办服务规范' },
  { name: '重大项目审批全程代办', main: '帮办代办', type: 'public_service', dept: INVEST, legal: 20, committed: 10, visits: 0, materials: '代办委托书(原件,关键);项目基本情况表(电子件,关键)', keywords: ['项目代办', '重大项目'], basis: '鹰潭高新区重大项目全程代办制度' },
  { name: '“一业一证”行业综合许可', main: '一业一证', type: 'license', dept: MARKET, legal: 10, committed: 3, visits: 0, materials: '行业综合许可申请表(电子件,关键);行业许可所需材料清单(电子件,关键);经营场所使用证明(承诺)', chengnuo: true, keywords: ['一业一证', '综合许可证'], basis: '《国务院关于深化“证照分离”改革进一步激发市场主体发展活力的通知》' },
  { name: '企业投资项目“标准地”承诺制备案', main: '固定资产投资项目', type: 'filing', dept: INVEST, legal: 5, committed: 1, visits: 0, stage: 'planning', materials: '标准地投资建设协议(原件,关键);企业承诺书(原件,关键)', chengnuo: true, keywords: ['标准地', '拿地即开工'], basis: '江西省“标准地”改革实施意见' },
  { name: '区域评估成果适用确认', main: '区域评估', type: 'confirmation', dept: INVEST, instant: true, legal: 5, committed: 0, visits: 0, stage: 'planning', materials: '区域评估适用申请(电子件,关键)', keywords: ['区域评估', '压覆矿', '地震安评'], basis: '《国务院办公厅关于全面开展工程建设项目审批制度改革的实施意见》', steps: STEPS_INSTANT },
  { name: '临时建设工程规划许可', main: '规划许可', type: 'license', dept: INVEST, legal: 20, committed: 5, visits: 0, stage: 'engineering', materials: '临时建设申请表(原件,关键);临时建筑设计图(电子件,关键);拆除承诺书(原件,关键)', keywords: ['临时建筑', '工棚'], basis: BASIS_PLAN },
  { name: '建设项目压覆重要矿产资源审批', type: 'license', dept: INVEST, legal: 20, committed: 10, visits: 0, stage: 'planning', materials: '压覆矿产资源申请(原件,关键);压覆矿产资源评估报告(电子件,关键)', keywords: ['压覆矿'], basis: '《中华人民共和国矿产资源法》' },
  { name: '地震安全性评价审查', type: 'license', dept: INVEST, legal: 20, committed: 10, visits: 0, stage: 'planning', materials: '地震安全性评价报告(电子件,关键);审查申请(原件,关键)', keywords: ['地震安评'], basis: '《地震安全性评价管理条例》' },
  { name: '防雷装置设计审核', main: '防雷', type: 'license', dept: INVEST, legal: 20, committed: 5, visits: 0, stage: 'engineering', materials: '防雷装置设计审核申请书(原件,关键);防雷装置设计文件(电子件,关键)', chengnuo: true, keywords: ['防雷'], joint: ['气象局'], basis: '《气象灾害防御条例》' },
  { name: '防雷装置竣工验收', main: '防雷', type: 'license', dept: INVEST, legal: 10, committed: 3, visits: 1, stage: 'acceptance', materials: '防雷装置竣工验收申请书(原件,关键);防雷装置检测报告(原件,关键)', keywords: ['防雷验收'], joint: ['气象局'], basis: '《气象灾害防御条例》' },
  { name: '城镇排水设施竣工验收备案', main: '排水许可', type: 'filing', dept: INVEST, legal: 10, committed: 3, visits: 0, stage: 'acceptance', materials: '排水设施竣工验收报告(电子件,关键);排水管网竣工图(电子件,容缺)', basis: '《城镇排水与污水处理条例》' },
  { name: '建设项目配套绿化工程验收', type: 'confirmation', dept: INVEST, legal: 10, committed: 3, visits: 1, stage: 'acceptance', materials: '绿化工程验收申请(原件,关键);绿化竣工图(电子件,关键)', keywords: ['绿化验收'], basis: '《城市绿化条例》' },
  { name: '建设工程施工许可证变更', main: '施工许可', type: 'license', dept: INVEST, legal: 7, committed: 1, visits: 0, stage: 'construction', materials: '施工许可变更申请表(原件,关键);变更事项证明(电子件,关键)', keywords: ['施工证变更'], basis: BASIS_BUILD },
  { name: '建筑起重机械使用登记', main: '施工许可', type: 'license', dept: INVEST, legal: 7, committed: 2, visits: 0, stage: 'construction', materials: '起重机械使用登记表(原件,关键);安装验收资料(复印件,关键);检测合格报告(复印件,容缺)', keywords: ['塔吊登记', '施工升降机'], basis: '《建筑起重机械安全监督管理规定》' },
  { name: '超限高层建筑工程抗震设防审批', type: 'license', dept: INVEST, legal: 20, committed: 10, visits: 0, stage: 'engineering', materials: '抗震设防专项审查申请表(原件,关键);超限高层建筑工程抗震设计可行性论证报告(电子件,关键)', special: [{ name: '专家论证', maxDays: 15 }], basis: '《超限高层建筑工程抗震设防管理规定》' },
  { name: '停车场(库)设置备案', type: 'filing', dept: INVEST, legal: 10, committed: 3, visits: 0, materials: '停车场备案申请表(电子件,关键);停车场平面布置图(电子件,关键)', keywords: ['停车场'], basis: '鹰潭市停车场管理办法' },
  { name: '道路运输驾驶员从业资格证换证', type: 'public_service', dept: SOCIAL, target: 'person', instant: true, legal: 5, committed: 0, visits: 0, materials: `从业资格证换证申请表(电子件,关键);${M_ID}`, keywords: ['从业资格证'], basis: '《道路运输从业人员管理规定》', steps: STEPS_INSTANT },
  { name: '网络预约出租汽车经营许可', type: 'license', dept: SOCIAL, legal: 20, committed: 10, visits: 0, materials: '网约车经营申请表(原件,关键);线上服务能力证明(电子件,关键);服务质量承诺书(原件,关键)', keywords: ['网约车'], basis: '《网络预约出租汽车经营服务管理暂行办法》' },
  { name: '放射性同位素与射线装置使用许可', type: 'license', dept: INVEST, legal: 20, committed: 10, visits: 1, materials: '辐射安全许可证申请表(原件,关键);辐射安全管理制度(复印件,关键);环评批复文件(复印件,容缺)', keywords: ['辐射安全许可', '探伤机'], special: [{ name: '现场核查', maxDays: 10 }], basis: '《放射性同位素与射线装置安全和防护条例》' },
  { name: '危险废物经营许可', type: 'license', dept: INVEST, legal: 20, committed: 15, visits: 1, materials: '危险废物经营许可申请书(原件,关键);设施设备清单(复印件,关键);应急预案(原件,容缺)', keywords: ['危废', '危废处置'], special: [{ name: '专家评审', maxDays: 20 }], basis: '《危险废物经营许可证管理办法》' },
  { name: '医疗机构执业登记', type: 'license', dept: SOCIAL, legal: 45, committed: 15, visits: 1, materials: '医疗机构执业登记申请书(原件,关键);医疗机构用房产权证明(复印件,承诺);医务人员执业证书(复印件,关键);规章制度(复印件,容缺)', chengnuo: true, keywords: ['开诊所', '门诊部'], special: [{ name: '现场审核', maxDays: 10 }], basis: '《医疗机构管理条例》', steps: STEPS_SITE },
  { name: '民办职业培训学校设立审批', type: 'license', dept: SOCIAL, legal: 30, committed: 15, visits: 1, materials: '设立申请书(原件,关键);办学场所证明(复印件,承诺);学校章程(原件,关键);师资情况(复印件,容缺)', chengnuo: true, keywords: ['培训学校', '办学许可'], basis: '《中华人民共和国民办教育促进法》' },
  { name: '托育机构备案', type: 'filing', dept: SOCIAL, legal: 15, committed: 5, visits: 0, materials: '托育机构备案书(电子件,关键);场地证明(承诺);工作人员资格证明(复印件,容缺)', chengnuo: true, keywords: ['托儿所', '托育'], basis: '《托育机构设置标准(试行)》' },
  { name: '社会团体成立登记', main: '社会组织登记', type: 'license', dept: SOCIAL, target: 'both', legal: 60, committed: 20, visits: 1, materials: '成立登记申请书(原件,关键);章程草案(原件,关键);业务主管单位批准文件(原件,关键);住所证明(承诺)', chengnuo: true, keywords: ['成立协会', '商会'], basis: '《社会团体登记管理条例》' },
  { name: '民办非企业单位成立登记', main: '社会组织登记', type: 'license', dept: SOCIAL, target: 'both', legal: 60, committed: 20, visits: 1, materials: '成立登记申请书(原件,关键);章程草案(原件,关键);验资报告(原件,容缺);场所使用权证明(承诺)', chengnuo: true, keywords: ['民非', '社会服务机构'], basis: '《民办非企业单位登记管理暂行条例》' },
  { name: '股权出质设立登记', main: '企业登记', type: 'license', dept: MARKET, instant: true, legal: 3, committed: 0, visits: 0, materials: '股权出质设立登记申请书(原件,关键);质押合同(原件,关键)', keywords: ['股权质押'], basis: '《股权出质登记办法》', steps: STEPS_INSTANT },
  { name: '动产抵押登记', main: '企业登记', type: 'public_service', dept: MARKET, instant: true, legal: 1, committed: 0, visits: 0, materials: '动产抵押登记书(电子件,关键)', keywords: ['设备抵押', '存货质押'], basis: '《动产和权利担保统一登记办法》', steps: STEPS_INSTANT },
  { name: '知识产权质押登记', main: '知识产权', type: 'public_service', dept: GENERAL, legal: 7, committed: 3, visits: 0, materials: '质押登记申请表(电子件,关键);质押合同(电子件,关键)', keywords: ['专利质押'], basis: '《专利权质押登记办法》' },
  { name: '商标注册受理', main: '知识产权', type: 'public_service', dept: GENERAL, instant: true, legal: 1, committed: 0, visits: 0, fee: { basis: '《国家知识产权局关于商标业务收费标准的公告》', fen: 27000 }, materials: '商标注册申请书(原件,关键);商标图样(电子件,关键)', keywords: ['注册商标'], basis: '《中华人民共和国商标法》', steps: STEPS_INSTANT },
  { name: '计量器具强制检定', main: '计量', type: 'public_service', dept: MARKET, legal: 20, committed: 5, visits: 1, fee: { basis: '江西省计量检定收费标准', fen: null }, materials: '强制检定申请书(原件,关键);计量器具清单(电子件,关键)', keywords: ['地磅', '秤检定', '计量检定'], basis: '《中华人民共和国计量法》' },
  { name: '工业产品生产许可', type: 'license', dept: MARKET, legal: 60, committed: 20, visits: 1, materials: '工业产品生产许可证申请书(电子件,关键);产品检验报告(原件,关键);生产条件承诺(原件,承诺)', chengnuo: true, keywords: ['电线电缆生产许可', '生产许可证'], special: [{ name: '产品检验', maxDays: 30 }], basis: '《中华人民共和国工业产品生产许可证管理条例》' },
  { name: '铜及铜合金废料进口企业资质审核', main: '外贸', type: 'confirmation', dept: GENERAL, legal: 20, committed: 10, visits: 0, materials: '资质申请表(原件,关键);环保设施说明(电子件,关键);近一年检测报告(电子件,容缺)', keywords: ['再生铜', '废铜进口'], basis: '《再生黄铜原料》(GB/T 38470)等进口标准' },
  { name: '保税仓库设立审核', main: '外贸', type: 'license', dept: GENERAL, legal: 20, committed: 10, visits: 1, materials: '保税仓库申请书(原件,关键);仓库平面图(电子件,关键);仓库管理制度(复印件,容缺)', keywords: ['保税仓', '监管仓'], joint: ['鹰潭海关'], basis: '《中华人民共和国海关对保税仓库及所存货物的管理规定》' },
  { name: '企业安全生产标准化评审', main: '安全生产', type: 'confirmation', dept: SOCIAL, legal: 30, committed: 15, visits: 1, materials: '安全生产标准化评审申请(原件,关键);自评报告(电子件,关键)', keywords: ['安全标准化'], special: [{ name: '现场评审', maxDays: 10 }], basis: '《企业安全生产标准化建设定级办法》' },
  { name: '生产安全事故应急预案备案', main: '安全生产', type: 'filing', dept: SOCIAL, instant: true, legal: 20, committed: 0, visits: 0, materials: '应急预案备案申请表(电子件,关键);应急预案文本(电子件,关键);评审意见(电子件,容缺)', keywords: ['应急预案'], basis: '《生产安全事故应急预案管理办法》', steps: STEPS_INSTANT },
  { name: '职业病危害项目申报', main: '安全生产', type: 'filing', dept: SOCIAL, instant: true, legal: 5, committed: 0, visits: 0, materials: '职业病危害项目申报表(电子件,关键)', keywords: ['职业病申报'], basis: '《职业病危害项目申报办法》', steps: STEPS_INSTANT },
  { name: '劳动合同鉴证', main: '劳动用工', type: 'public_service', dept: SOCIAL, instant: true, legal: 1, committed: 0, visits: 0, target: 'both', materials: '劳动合同文本(原件,关键);双方身份证明(电子件,关键)', basis: '《劳动合同鉴证实施办法》', steps: STEPS_INSTANT },
  { name: '企业集体合同审查', main: '劳动用工', type: 'confirmation', dept: SOCIAL, legal: 15, committed: 5, visits: 0, materials: '集体合同文本(原件,关键);职工代表大会决议(原件,关键)', basis: '《集体合同规定》' },
  { name: '创业担保贷款申请', main: '就业创业', type: 'public_service', dept: SOCIAL, target: 'both', legal: 15, committed: 7, visits: 0, materials: `创业担保贷款申请表(电子件,关键);${M_ID};营业执照(电子件,关键);经营场所证明(承诺)`, chengnuo: true, keywords: ['创业贷', '贴息贷款'], joint: ['合作银行'], basis: '《创业担保贷款贴息资金管理办法》' },
  { name: '应急转贷资金申请', main: '金融服务', type: 'public_service', dept: GENERAL, legal: 10, committed: 3, visits: 0, materials: '转贷资金申请表(电子件,关键);银行续贷承诺函(原件,关键);近期财务报表(电子件,容缺)', keywords: ['过桥资金', '转贷', '续贷'], joint: ['金融服务中心'], basis: '鹰潭高新区应急转贷资金管理办法' },
  { name: '企业投资项目变更备案', main: '固定资产投资项目', type: 'filing', dept: INVEST, instant: true, legal: 3, committed: 0, visits: 0, stage: 'planning', materials: '项目变更信息表(电子件,关键)', keywords: ['项目变更'], basis: '《企业投资项目核准和备案管理条例》', steps: STEPS_INSTANT },
  { name: '建设用地使用权出让合同变更', main: '用地审批', type: 'license', dept: INVEST, legal: 20, committed: 10, visits: 1, stage: 'planning', materials: '出让合同变更申请(原件,关键);原出让合同(复印件,关键)', basis: '《中华人民共和国土地管理法》' },
];

/** The words users type, mapped onto catalogue words (admins edit them on the 同义词 page). */
export const SEED_SYNONYMS: { term: string; expandsTo: string[] }[] = [
  { term: '开公司', expandsTo: ['企业开办', '设立登记'] },
  { term: '注册公司', expandsTo: ['企业开办', '设立登记'] },
  { term: '营业执照', expandsTo: ['企业开办', '设立登记'] },
  { term: '办执照', expandsTo: ['企业开办'] },
  { term: '开店', expandsTo: ['个体工商户设立登记', '食品经营许可'] },
  { term: '房产证', expandsTo: ['房屋所有权首次登记', '不动产登记'] },
  { term: '土地证', expandsTo: ['国有建设用地使用权首次登记'] },
  { term: '过户', expandsTo: ['转移登记'] },
  { term: '接水', expandsTo: ['供水报装'] },
  { term: '自来水', expandsTo: ['供水报装'] },
  { term: '用水', expandsTo: ['供水报装'] },
  { term: '接电', expandsTo: ['供电报装'] },
  { term: '用电', expandsTo: ['供电报装'] },
  { term: '天然气', expandsTo: ['燃气报装'] },
  { term: '施工证', expandsTo: ['施工许可'] },
  { term: '开工', expandsTo: ['施工许可'] },
  { term: '排污证', expandsTo: ['排污许可'] },
  { term: '环评', expandsTo: ['环境影响'] },
  { term: '立项', expandsTo: ['投资项目备案', '投资项目核准'] },
  { term: '规划证', expandsTo: ['规划许可证'] },
  { term: '消防', expandsTo: ['消防验收', '消防设计审查'] },
  { term: '验收', expandsTo: ['竣工验收', '联合验收'] },
  { term: '关公司', expandsTo: ['注销登记'] },
  { term: '注销公司', expandsTo: ['注销登记'] },
  { term: '刻章', expandsTo: ['印章刻制备案'] },
  { term: '发票', expandsTo: ['增值税发票首次申领'] },
  { term: '社保', expandsTo: ['社会保险'] },
  { term: '卖吃的', expandsTo: ['食品经营许可'] },
  { term: '餐饮', expandsTo: ['食品经营许可'] },
  { term: '抵押', expandsTo: ['抵押权首次登记', '抵押登记'] },
  { term: '外资', expandsTo: ['外商投资企业设立登记'] },
  { term: '进出口', expandsTo: ['对外贸易经营者备案', '报关单位备案'] },
];
